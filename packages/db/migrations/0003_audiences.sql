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
CREATE INDEX "broadcast_recipients_planned_idx" ON "broadcast_recipients" USING btree ("tenant_id","planned_at");--> statement-breakpoint
CREATE INDEX "broadcast_recipients_task_idx" ON "broadcast_recipients" USING btree ("tenant_id","broadcast_id","staff_id","recipient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "broadcast_tasks_chunk_uq" ON "broadcast_tasks" USING btree ("tenant_id","broadcast_id","staff_id","chunk");--> statement-breakpoint
CREATE INDEX "broadcasts_status_idx" ON "broadcasts" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "keyword_reply_hits_message_uq" ON "keyword_reply_hits" USING btree ("tenant_id","rule_id","message_id");--> statement-breakpoint
CREATE INDEX "keyword_reply_hits_group_idx" ON "keyword_reply_hits" USING btree ("tenant_id","rule_id","group_id","at");--> statement-breakpoint
CREATE INDEX "keyword_reply_hits_customer_idx" ON "keyword_reply_hits" USING btree ("tenant_id","rule_id","customer_id","at");