CREATE TABLE "checkin_campaign_groups" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "checkin_campaign_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"group_id" bigint NOT NULL,
	CONSTRAINT "checkin_campaign_groups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "checkin_campaigns" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "checkin_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"days" integer NOT NULL,
	"start_date" date NOT NULL,
	"open_to_all" boolean DEFAULT true NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"keyword_match" text DEFAULT 'exact' NOT NULL,
	"missed_day_rule" text DEFAULT 'reset' NOT NULL,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reminder_enabled" boolean DEFAULT false NOT NULL,
	"reminder_time" text DEFAULT '20:00' NOT NULL,
	"reminder_text" text DEFAULT '' NOT NULL,
	"remind_in_groups" boolean DEFAULT true NOT NULL,
	"remind_privately" boolean DEFAULT false NOT NULL,
	"reminded_day" date,
	"reply_in_group" boolean DEFAULT false NOT NULL,
	"reply_text" text DEFAULT '' NOT NULL,
	"poster_template_id" bigint,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	CONSTRAINT "checkin_campaigns_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "checkin_milestones" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "checkin_milestones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"participant_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"milestone_index" integer NOT NULL,
	"reached_day" date NOT NULL,
	"grant_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "checkin_milestones_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "checkin_participants" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "checkin_participants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"source" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"joined_day" date NOT NULL,
	"total_days" integer DEFAULT 0 NOT NULL,
	"longest_streak" integer DEFAULT 0 NOT NULL,
	"last_filled_day" date,
	"last_run" integer DEFAULT 0 NOT NULL,
	"makeups_used" integer DEFAULT 0 NOT NULL,
	"milestones_reached" integer DEFAULT 0 NOT NULL,
	"last_checkin_at" timestamp with time zone,
	CONSTRAINT "checkin_participants_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "checkin_records" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "checkin_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"participant_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"day" date NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"group_id" bigint,
	"message_id" bigint,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "checkin_records_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "store_code_scans" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "store_code_scans_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"store_code_id" bigint NOT NULL,
	"store_id" bigint,
	"reason" text NOT NULL,
	"distance_metres" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_code_scans_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "store_code_targets" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "store_code_targets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"store_code_id" bigint NOT NULL,
	"store_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"ref_id" bigint,
	CONSTRAINT "store_code_targets_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "store_codes" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "store_codes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"headline" text,
	"radius_metres" integer NOT NULL,
	"fallback_store_id" bigint NOT NULL,
	"participation" text DEFAULT 'all' NOT NULL,
	"unit_ids" bigint[] DEFAULT '{}' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "store_codes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_campaign_groups_uq" ON "checkin_campaign_groups" USING btree ("tenant_id","campaign_id","group_id");--> statement-breakpoint
CREATE INDEX "checkin_campaign_groups_group_idx" ON "checkin_campaign_groups" USING btree ("tenant_id","group_id");--> statement-breakpoint
CREATE INDEX "checkin_campaigns_status_idx" ON "checkin_campaigns" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_milestones_uq" ON "checkin_milestones" USING btree ("tenant_id","campaign_id","customer_id","milestone_index");--> statement-breakpoint
CREATE INDEX "checkin_milestones_day_idx" ON "checkin_milestones" USING btree ("tenant_id","campaign_id","reached_day");--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_participants_uq" ON "checkin_participants" USING btree ("tenant_id","campaign_id","customer_id");--> statement-breakpoint
CREATE INDEX "checkin_participants_customer_idx" ON "checkin_participants" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_records_day_uq" ON "checkin_records" USING btree ("tenant_id","campaign_id","customer_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "checkin_records_makeup_uq" ON "checkin_records" USING btree ("tenant_id","campaign_id","customer_id") WHERE kind = 'makeup';--> statement-breakpoint
CREATE INDEX "checkin_records_campaign_day_idx" ON "checkin_records" USING btree ("tenant_id","campaign_id","day");--> statement-breakpoint
CREATE INDEX "store_code_scans_code_idx" ON "store_code_scans" USING btree ("tenant_id","store_code_id","created_at");--> statement-breakpoint
CREATE INDEX "store_code_scans_created_idx" ON "store_code_scans" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "store_code_targets_store_uq" ON "store_code_targets" USING btree ("tenant_id","store_code_id","store_id");--> statement-breakpoint
CREATE INDEX "store_codes_tenant_idx" ON "store_codes" USING btree ("tenant_id","deleted_at");