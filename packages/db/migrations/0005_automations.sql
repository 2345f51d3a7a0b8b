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
CREATE UNIQUE INDEX "moment_task_staff_uq" ON "moment_task_staff" USING btree ("tenant_id","task_id","staff_id");--> statement-breakpoint
CREATE INDEX "moment_tasks_open_idx" ON "moment_tasks" USING btree ("created_at") WHERE "moment_tasks"."status" in ('sending', 'running');--> statement-breakpoint
CREATE INDEX "sop_calendar_items_calendar_idx" ON "sop_calendar_items" USING btree ("tenant_id","calendar_id");--> statement-breakpoint
CREATE INDEX "sop_calendars_status_idx" ON "sop_calendars" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "sop_journey_enrollments_source_uq" ON "sop_journey_enrollments" USING btree ("tenant_id","journey_id","source_key");--> statement-breakpoint
CREATE INDEX "sop_journey_enrollments_customer_idx" ON "sop_journey_enrollments" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "sop_journey_steps_journey_idx" ON "sop_journey_steps" USING btree ("tenant_id","journey_id");--> statement-breakpoint
CREATE INDEX "sop_journeys_trigger_idx" ON "sop_journeys" USING btree ("tenant_id","trigger","status");--> statement-breakpoint
CREATE UNIQUE INDEX "sop_plan_steps_uq" ON "sop_plan_steps" USING btree ("tenant_id","plan_kind","source_step_id","target_kind","target_id","plan_date");--> statement-breakpoint
CREATE INDEX "sop_plan_steps_due_idx" ON "sop_plan_steps" USING btree ("due_at") WHERE "sop_plan_steps"."status" = 'planned';--> statement-breakpoint
CREATE INDEX "sop_plan_steps_target_idx" ON "sop_plan_steps" USING btree ("tenant_id","target_kind","target_id","plan_date");--> statement-breakpoint
CREATE INDEX "sop_plan_steps_plan_idx" ON "sop_plan_steps" USING btree ("tenant_id","plan_kind","plan_id","due_at");