CREATE TABLE "wecom_connections" (
	"tenant_id" bigint PRIMARY KEY NOT NULL,
	"corp_id" text NOT NULL,
	"contact_secret_sealed" text NOT NULL,
	"contact_secret_last4" text NOT NULL,
	"agent_id" text,
	"app_secret_sealed" text,
	"app_secret_last4" text,
	"callback_token_sealed" text NOT NULL,
	"callback_token_last4" text NOT NULL,
	"aes_key_sealed" text NOT NULL,
	"aes_key_last4" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" bigint,
	"last_test_at" timestamp with time zone,
	"last_test_ok" boolean,
	"last_test_report" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wecom_group_daily_stats" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "wecom_group_daily_stats_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"day" date NOT NULL,
	"owner_user_id" text NOT NULL,
	"new_chat_cnt" integer DEFAULT 0 NOT NULL,
	"chat_total" integer DEFAULT 0 NOT NULL,
	"chat_has_msg" integer DEFAULT 0 NOT NULL,
	"new_member_cnt" integer DEFAULT 0 NOT NULL,
	"member_total" integer DEFAULT 0 NOT NULL,
	"member_has_msg" integer DEFAULT 0 NOT NULL,
	"msg_total" integer DEFAULT 0 NOT NULL,
	"raw" jsonb NOT NULL,
	"pulled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wecom_group_daily_stats_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "wecom_staff_daily_stats" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "wecom_staff_daily_stats_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"day" date NOT NULL,
	"staff_user_id" text NOT NULL,
	"new_apply_cnt" integer DEFAULT 0 NOT NULL,
	"new_contact_cnt" integer DEFAULT 0 NOT NULL,
	"chat_cnt" integer DEFAULT 0 NOT NULL,
	"message_cnt" integer DEFAULT 0 NOT NULL,
	"reply_percentage" double precision,
	"avg_reply_time" double precision,
	"negative_feedback_cnt" integer DEFAULT 0 NOT NULL,
	"raw" jsonb NOT NULL,
	"pulled_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wecom_staff_daily_stats_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "wecom_sync_runs" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "wecom_sync_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"phase" text DEFAULT 'staff' NOT NULL,
	"cursor" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "wecom_sync_runs_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "wecom_connections" ADD CONSTRAINT "wecom_connections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wecom_group_daily_stats_uq" ON "wecom_group_daily_stats" USING btree ("tenant_id","day","owner_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wecom_staff_daily_stats_uq" ON "wecom_staff_daily_stats" USING btree ("tenant_id","day","staff_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wecom_sync_runs_running_uq" ON "wecom_sync_runs" USING btree ("tenant_id") WHERE "wecom_sync_runs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "wecom_sync_runs_recent_idx" ON "wecom_sync_runs" USING btree ("tenant_id","created_at");