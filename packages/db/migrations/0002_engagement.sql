CREATE TABLE "audience_change_horizons" (
	"tenant_id" bigint PRIMARY KEY NOT NULL,
	"pruned_through_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audience_changes" (
	"tenant_id" bigint NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audience_changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint,
	"what" text DEFAULT 'customer' NOT NULL,
	"xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audience_changes_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
CREATE TABLE "audiences" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audiences_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"expression" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audiences_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "automation_activity" (
	"tenant_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"last_active_at" timestamp with time zone NOT NULL,
	CONSTRAINT "automation_activity_tenant_id_customer_id_pk" PRIMARY KEY("tenant_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "automation_guards" (
	"tenant_id" bigint NOT NULL,
	"automation_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"last_run_at" timestamp with time zone NOT NULL,
	CONSTRAINT "automation_guards_tenant_id_automation_id_customer_id_pk" PRIMARY KEY("tenant_id","automation_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "automation_runs" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "automation_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"automation_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"event_key" text NOT NULL,
	"event_type" text NOT NULL,
	"event" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"actions" jsonb,
	"next_action" integer DEFAULT 0 NOT NULL,
	"actions_done" integer DEFAULT 0 NOT NULL,
	"results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"resume_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "automation_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "automations" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "automations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"trigger_type" text NOT NULL,
	"trigger" jsonb NOT NULL,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"loop_window_minutes" integer DEFAULT 1440 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "automations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "broadcast_recipients" (
	"tenant_id" bigint NOT NULL,
	"broadcast_id" bigint NOT NULL,
	"recipient_id" bigint NOT NULL,
	"external_id" text,
	"staff_id" bigint,
	"store_id" bigint,
	"status" text NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"result_at" timestamp with time zone,
	CONSTRAINT "broadcast_recipients_tenant_id_broadcast_id_recipient_id_pk" PRIMARY KEY("tenant_id","broadcast_id","recipient_id")
);
--> statement-breakpoint
CREATE TABLE "broadcast_tasks" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "broadcast_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"broadcast_id" bigint NOT NULL,
	"staff_id" bigint NOT NULL,
	"chunk" integer NOT NULL,
	"first_recipient_id" bigint NOT NULL,
	"last_recipient_id" bigint NOT NULL,
	"targets" integer NOT NULL,
	"action_id" bigint,
	"msg_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"polled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broadcast_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "broadcasts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"target" text NOT NULL,
	"audience_id" bigint,
	"audience" jsonb,
	"group_filter" jsonb,
	"content" jsonb NOT NULL,
	"send_at" timestamp with time zone,
	"status" text DEFAULT 'draft' NOT NULL,
	"cap_per_day" smallint DEFAULT 1 NOT NULL,
	"cap_per_week" smallint DEFAULT 3 NOT NULL,
	"quiet_start" text DEFAULT '21:30' NOT NULL,
	"quiet_end" text DEFAULT '09:00' NOT NULL,
	"time_zone" text DEFAULT 'Asia/Shanghai' NOT NULL,
	"holdout_percent" smallint DEFAULT 0 NOT NULL,
	"audience_count" integer DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recipients_at" timestamp with time zone,
	"planning_at" timestamp with time zone,
	"planned_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"error" text,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "broadcasts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "keyword_reply_hits" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "keyword_reply_hits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"rule_id" bigint NOT NULL,
	"message_id" bigint NOT NULL,
	"conversation" text NOT NULL,
	"group_id" bigint,
	"customer_id" bigint,
	"staff_id" bigint,
	"outcome" text NOT NULL,
	"action_id" bigint,
	"at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "keyword_reply_hits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "keyword_rule_versions" (
	"tenant_id" bigint PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "keyword_rules" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "keyword_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"keywords" jsonb NOT NULL,
	"scope" jsonb NOT NULL,
	"content" jsonb NOT NULL,
	"cooldown_seconds" integer DEFAULT 60 NOT NULL,
	"active_from" text,
	"active_to" text,
	"priority" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"hit_count" integer DEFAULT 0 NOT NULL,
	"last_hit_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "keyword_rules_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "material_folders" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "material_folders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"parent_id" bigint,
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "material_folders_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "materials" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "materials_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"type" text NOT NULL,
	"title" text NOT NULL,
	"folder_id" bigint,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"link_url" text,
	"pic_url" text,
	"app_id" text,
	"page_path" text,
	"file_key" text,
	"byte_size" bigint,
	"mime_type" text,
	"file_name" text,
	"sha256" text,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"created_by" bigint,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "materials_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "moment_task_staff" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "moment_task_staff_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"task_id" bigint NOT NULL,
	"staff_id" bigint NOT NULL,
	"staff_user_id" text NOT NULL,
	"store_id" bigint,
	"published" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"guide_task_id" bigint,
	CONSTRAINT "moment_task_staff_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "moment_tasks" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "moment_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"target_kind" text NOT NULL,
	"target_store_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_staff_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'sending' NOT NULL,
	"moment_id" text,
	"staff_count" integer DEFAULT 0 NOT NULL,
	"published_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_synced_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "moment_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "script_categories" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "script_categories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text,
	"name" text NOT NULL,
	"name_en" text,
	"sort" integer DEFAULT 100 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "script_categories_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "scripts" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "scripts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"category_id" bigint NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"material_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "scripts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sop_calendar_items" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sop_calendar_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"calendar_id" bigint NOT NULL,
	"column" text NOT NULL,
	"weekday" integer,
	"time" text NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sop_calendar_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sop_calendars" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sop_calendars_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"timeline" text DEFAULT 'weekly' NOT NULL,
	"columns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_store_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_group_kinds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_group_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delivery" text DEFAULT 'task' NOT NULL,
	"horizon_days" integer DEFAULT 7 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	CONSTRAINT "sop_calendars_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sop_journey_enrollments" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sop_journey_enrollments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"journey_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"anchor_at" timestamp with time zone NOT NULL,
	"source_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sop_journey_enrollments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sop_journey_steps" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sop_journey_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"journey_id" bigint NOT NULL,
	"day_offset" integer NOT NULL,
	"time" text,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"condition" jsonb,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sop_journey_steps_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sop_journeys" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sop_journeys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"trigger" text NOT NULL,
	"state_prefix" text,
	"new_customers_only" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "sop_journeys_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sop_plan_steps" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "sop_plan_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"plan_kind" text NOT NULL,
	"plan_id" bigint NOT NULL,
	"source_step_id" bigint NOT NULL,
	"target_kind" text NOT NULL,
	"target_id" bigint NOT NULL,
	"enrollment_id" bigint,
	"column" text,
	"title" text NOT NULL,
	"plan_date" date NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"content" jsonb NOT NULL,
	"condition" jsonb,
	"staff_id" bigint,
	"store_id" bigint,
	"status" text DEFAULT 'planned' NOT NULL,
	"skip_reason" text,
	"task_id" bigint,
	"action_id" bigint,
	"edited" boolean DEFAULT false NOT NULL,
	"applied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	CONSTRAINT "sop_plan_steps_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "guide_tasks" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "guide_tasks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"staff_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"customer_id" bigint,
	"group_id" bigint,
	"content" jsonb,
	"source_key" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"note" text,
	"completed_at" timestamp with time zone,
	"completed_by_account_id" bigint,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_tasks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sim_moment_tasks" (
	"tenant_id" bigint NOT NULL,
	"moment_id" text NOT NULL,
	"staff_user_ids" jsonb NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sim_moment_tasks_tenant_id_moment_id_pk" PRIMARY KEY("tenant_id","moment_id")
);
--> statement-breakpoint
CREATE INDEX "audience_changes_xid_idx" ON "audience_changes" USING btree ("tenant_id","xid");--> statement-breakpoint
CREATE UNIQUE INDEX "audiences_name_uq" ON "audiences" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "automation_activity_last_idx" ON "automation_activity" USING btree ("tenant_id","last_active_at");--> statement-breakpoint
CREATE UNIQUE INDEX "automation_runs_event_uq" ON "automation_runs" USING btree ("tenant_id","automation_id","event_key","customer_id");--> statement-breakpoint
CREATE INDEX "automation_runs_rule_idx" ON "automation_runs" USING btree ("tenant_id","automation_id","id");--> statement-breakpoint
CREATE INDEX "automation_runs_customer_idx" ON "automation_runs" USING btree ("tenant_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "automations_trigger_idx" ON "automations" USING btree ("tenant_id","trigger_type") WHERE "automations"."enabled" and "automations"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "broadcast_tasks_chunk_uq" ON "broadcast_tasks" USING btree ("tenant_id","broadcast_id","staff_id","chunk");--> statement-breakpoint
CREATE INDEX "broadcasts_status_idx" ON "broadcasts" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "broadcasts_recipients_at_idx" ON "broadcasts" USING btree ("tenant_id","recipients_at");--> statement-breakpoint
CREATE UNIQUE INDEX "keyword_reply_hits_message_uq" ON "keyword_reply_hits" USING btree ("tenant_id","rule_id","message_id");--> statement-breakpoint
CREATE INDEX "keyword_reply_hits_group_idx" ON "keyword_reply_hits" USING btree ("tenant_id","rule_id","group_id","at");--> statement-breakpoint
CREATE INDEX "keyword_reply_hits_customer_idx" ON "keyword_reply_hits" USING btree ("tenant_id","rule_id","customer_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "material_folders_name_uq" ON "material_folders" USING btree ("tenant_id",coalesce("parent_id", 0),"name");--> statement-breakpoint
CREATE INDEX "materials_folder_idx" ON "materials" USING btree ("tenant_id","folder_id");--> statement-breakpoint
CREATE INDEX "materials_type_idx" ON "materials" USING btree ("tenant_id","type");--> statement-breakpoint
CREATE INDEX "materials_tags_idx" ON "materials" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "moment_task_staff_uq" ON "moment_task_staff" USING btree ("tenant_id","task_id","staff_id");--> statement-breakpoint
CREATE INDEX "moment_tasks_open_idx" ON "moment_tasks" USING btree ("created_at") WHERE "moment_tasks"."status" in ('sending', 'running');--> statement-breakpoint
CREATE UNIQUE INDEX "script_categories_name_uq" ON "script_categories" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "script_categories_key_uq" ON "script_categories" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "scripts_category_idx" ON "scripts" USING btree ("tenant_id","category_id");--> statement-breakpoint
CREATE INDEX "sop_calendar_items_calendar_idx" ON "sop_calendar_items" USING btree ("tenant_id","calendar_id");--> statement-breakpoint
CREATE INDEX "sop_calendars_status_idx" ON "sop_calendars" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "sop_journey_enrollments_source_uq" ON "sop_journey_enrollments" USING btree ("tenant_id","journey_id","source_key");--> statement-breakpoint
CREATE INDEX "sop_journey_enrollments_customer_idx" ON "sop_journey_enrollments" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "sop_journey_steps_journey_idx" ON "sop_journey_steps" USING btree ("tenant_id","journey_id");--> statement-breakpoint
CREATE INDEX "sop_journeys_trigger_idx" ON "sop_journeys" USING btree ("tenant_id","trigger","status");--> statement-breakpoint
CREATE UNIQUE INDEX "sop_plan_steps_uq" ON "sop_plan_steps" USING btree ("tenant_id","plan_kind","source_step_id","target_kind","target_id","plan_date");--> statement-breakpoint
CREATE INDEX "sop_plan_steps_due_idx" ON "sop_plan_steps" USING btree ("due_at") WHERE "sop_plan_steps"."status" = 'planned';--> statement-breakpoint
CREATE INDEX "sop_plan_steps_target_idx" ON "sop_plan_steps" USING btree ("tenant_id","target_kind","target_id","plan_date");--> statement-breakpoint
CREATE INDEX "sop_plan_steps_plan_idx" ON "sop_plan_steps" USING btree ("tenant_id","plan_kind","plan_id","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "guide_tasks_source_uq" ON "guide_tasks" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE INDEX "guide_tasks_staff_idx" ON "guide_tasks" USING btree ("tenant_id","staff_id","status","due_at");--> statement-breakpoint
CREATE INDEX "guide_tasks_open_due_idx" ON "guide_tasks" USING btree ("tenant_id","due_at") WHERE "guide_tasks"."status" = 'open';