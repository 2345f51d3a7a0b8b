CREATE TABLE "fission_campaigns" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "fission_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"rules" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"goal" integer NOT NULL,
	"tiers" jsonb NOT NULL,
	"staff_ids" jsonb NOT NULL,
	"poster_template_id" bigint,
	"keyword" text,
	"delete_window_hours" integer DEFAULT 72 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "fission_campaigns_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "fission_invites" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "fission_invites_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"participant_id" bigint NOT NULL,
	"friend_customer_id" bigint NOT NULL,
	"staff_id" bigint NOT NULL,
	"status" text NOT NULL,
	"claimed" boolean DEFAULT false NOT NULL,
	"inbox_event_id" bigint,
	"added_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fission_invites_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "fission_participants" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "fission_participants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"joined_via" text DEFAULT 'h5' NOT NULL,
	"way_config_id" text,
	"way_qr_code" text,
	"invited_count" integer DEFAULT 0 NOT NULL,
	"last_counted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fission_participants_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "fission_poster_views" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "fission_poster_views_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"participant_id" bigint NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fission_poster_views_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "fission_tier_grants" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "fission_tier_grants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" bigint NOT NULL,
	"participant_id" bigint NOT NULL,
	"tier" integer NOT NULL,
	"grant_id" bigint NOT NULL,
	"flagged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fission_tier_grants_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "live_code_attributions" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "live_code_attributions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"staff_id" bigint NOT NULL,
	"channel_name" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"readd" text,
	"remark" text,
	"deleted_at" timestamp with time zone,
	"deleted_by" text,
	"superseded_at" timestamp with time zone,
	"first_order_at" timestamp with time zone,
	"first_order_id" bigint,
	"ordered_before" boolean DEFAULT false NOT NULL,
	CONSTRAINT "live_code_attributions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "live_code_daily_counts" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "live_code_daily_counts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code_id" bigint NOT NULL,
	"day" date NOT NULL,
	"staff_id" bigint NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"readds" integer DEFAULT 0 NOT NULL,
	"deleted_by_customer" integer DEFAULT 0 NOT NULL,
	"deleted_by_staff" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "live_code_daily_counts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "live_code_folders" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "live_code_folders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_code_folders_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "live_codes" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "live_codes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"folder_id" bigint,
	"name" text NOT NULL,
	"channel_name" text NOT NULL,
	"state" text,
	"store_id" bigint,
	"pool" jsonb NOT NULL,
	"schedule" jsonb,
	"daily_cap" integer,
	"backup_staff_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tag_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"remark_template" text,
	"welcome" jsonb,
	"skip_verify" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"config_id" text,
	"qr_code" text,
	"way_generation" integer DEFAULT 0 NOT NULL,
	"applied_staff_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"applied_mode" text,
	"applied_at" timestamp with time zone,
	"apply_version" integer DEFAULT 0 NOT NULL,
	"applying_until" timestamp with time zone,
	"sync_error" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "live_codes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "poster_defaults" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "poster_defaults_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"use" text NOT NULL,
	"template_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poster_defaults_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "poster_images" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "poster_images_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poster_images_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "poster_templates" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "poster_templates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"uses" jsonb NOT NULL,
	"layout" jsonb NOT NULL,
	"background_image_id" bigint,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poster_templates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "staff_cards" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "staff_cards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"staff_id" bigint NOT NULL,
	"state" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"claimed_at" timestamp with time zone,
	"config_id" text,
	"qr_code" text,
	"adds" integer DEFAULT 0 NOT NULL,
	"last_add_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_cards_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral_bindings" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "referral_bindings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"referrer_id" bigint NOT NULL,
	"source" text NOT NULL,
	"bound_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_bindings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral_ledger" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "referral_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"referrer_id" bigint NOT NULL,
	"level" integer NOT NULL,
	"kind" text NOT NULL,
	"order_id" bigint NOT NULL,
	"customer_id" bigint NOT NULL,
	"order_amount_cents" integer NOT NULL,
	"amount_cents" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"settle_after" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"reversed_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"paid_by" text,
	"payout_ref" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_ledger_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral_programmes" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "referral_programmes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"enabled" boolean DEFAULT false NOT NULL,
	"attribution_days" integer DEFAULT 30 NOT NULL,
	"refund_days" integer DEFAULT 7 NOT NULL,
	"level2_enabled" boolean DEFAULT false NOT NULL,
	"level1_cap_cents" integer,
	"level2_cap_cents" integer,
	"staff_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"welcome_text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	"updated_by" text,
	CONSTRAINT "referral_programmes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "referrers" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "referrers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"customer_id" bigint,
	"staff_id" bigint,
	"name" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"way_config_id" text,
	"way_qr_code" text,
	"way_staff_user_ids" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "referrers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "fission_campaigns_status_idx" ON "fission_campaigns" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "fission_invites_claim_uq" ON "fission_invites" USING btree ("tenant_id","campaign_id","friend_customer_id") WHERE "fission_invites"."claimed";--> statement-breakpoint
CREATE UNIQUE INDEX "fission_invites_event_uq" ON "fission_invites" USING btree ("tenant_id","inbox_event_id","participant_id") WHERE "fission_invites"."inbox_event_id" is not null;--> statement-breakpoint
CREATE INDEX "fission_invites_participant_idx" ON "fission_invites" USING btree ("tenant_id","participant_id","added_at");--> statement-breakpoint
CREATE INDEX "fission_invites_friend_idx" ON "fission_invites" USING btree ("tenant_id","friend_customer_id","staff_id");--> statement-breakpoint
CREATE INDEX "fission_invites_campaign_idx" ON "fission_invites" USING btree ("tenant_id","campaign_id","added_at");--> statement-breakpoint
CREATE UNIQUE INDEX "fission_participants_customer_uq" ON "fission_participants" USING btree ("tenant_id","campaign_id","customer_id");--> statement-breakpoint
CREATE INDEX "fission_participants_rank_idx" ON "fission_participants" USING btree ("tenant_id","campaign_id","invited_count");--> statement-breakpoint
CREATE UNIQUE INDEX "fission_poster_views_uq" ON "fission_poster_views" USING btree ("tenant_id","participant_id","day");--> statement-breakpoint
CREATE INDEX "fission_poster_views_campaign_idx" ON "fission_poster_views" USING btree ("tenant_id","campaign_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "fission_tier_grants_uq" ON "fission_tier_grants" USING btree ("tenant_id","participant_id","tier");--> statement-breakpoint
CREATE INDEX "fission_tier_grants_campaign_idx" ON "fission_tier_grants" USING btree ("tenant_id","campaign_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "live_code_attributions_add_uq" ON "live_code_attributions" USING btree ("tenant_id","customer_id","staff_id","added_at");--> statement-breakpoint
CREATE INDEX "live_code_attributions_code_idx" ON "live_code_attributions" USING btree ("tenant_id","code_id","day");--> statement-breakpoint
CREATE INDEX "live_code_attributions_open_idx" ON "live_code_attributions" USING btree ("tenant_id","customer_id","staff_id") WHERE "live_code_attributions"."deleted_at" is null and "live_code_attributions"."superseded_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "live_code_daily_counts_uq" ON "live_code_daily_counts" USING btree ("tenant_id","code_id","day","staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "live_code_folders_name_uq" ON "live_code_folders" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "live_codes_state_uq" ON "live_codes" USING btree ("tenant_id","state");--> statement-breakpoint
CREATE INDEX "live_codes_folder_idx" ON "live_codes" USING btree ("tenant_id","folder_id");--> statement-breakpoint
CREATE INDEX "live_codes_status_idx" ON "live_codes" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "poster_defaults_use_uq" ON "poster_defaults" USING btree ("tenant_id","use");--> statement-breakpoint
CREATE INDEX "poster_templates_updated_idx" ON "poster_templates" USING btree ("tenant_id","updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_cards_staff_uq" ON "staff_cards" USING btree ("tenant_id","staff_id");--> statement-breakpoint
CREATE INDEX "staff_cards_state_idx" ON "staff_cards" USING btree ("tenant_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_bindings_customer_uq" ON "referral_bindings" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "referral_bindings_referrer_idx" ON "referral_bindings" USING btree ("tenant_id","referrer_id","bound_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_ledger_key_uq" ON "referral_ledger" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "referral_ledger_referrer_idx" ON "referral_ledger" USING btree ("tenant_id","referrer_id","state");--> statement-breakpoint
CREATE INDEX "referral_ledger_order_idx" ON "referral_ledger" USING btree ("tenant_id","order_id");--> statement-breakpoint
CREATE INDEX "referral_ledger_due_idx" ON "referral_ledger" USING btree ("state","settle_after");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_programmes_tenant_uq" ON "referral_programmes" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrers_customer_uq" ON "referrers" USING btree ("tenant_id","customer_id") WHERE "referrers"."customer_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "referrers_staff_uq" ON "referrers" USING btree ("tenant_id","staff_id") WHERE "referrers"."staff_id" is not null;--> statement-breakpoint
CREATE INDEX "referrers_name_idx" ON "referrers" USING btree ("tenant_id","name");