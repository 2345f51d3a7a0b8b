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
CREATE TABLE "group_code_groups" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "group_code_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code_id" bigint NOT NULL,
	"group_id" bigint NOT NULL,
	"chat_id" text NOT NULL,
	"position" integer NOT NULL,
	"cap" integer NOT NULL,
	"members" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"way_id" bigint,
	"opened_number" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_code_groups_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "group_code_joins" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "group_code_joins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code_id" bigint NOT NULL,
	"group_id" bigint NOT NULL,
	"customer_id" bigint,
	"seat_id" bigint,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "group_code_joins_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "group_code_openings" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "group_code_openings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"name" text NOT NULL,
	"owner_staff_id" bigint,
	"status" text DEFAULT 'opening' NOT NULL,
	"group_id" bigint,
	"chat_id" text,
	"lease_until" timestamp with time zone NOT NULL,
	"error" text,
	"started_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	CONSTRAINT "group_code_openings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "group_code_seats" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "group_code_seats_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code_id" bigint NOT NULL,
	"pool_id" bigint NOT NULL,
	"group_id" bigint NOT NULL,
	"customer_id" bigint,
	"visitor_key" text,
	"status" text DEFAULT 'reserved' NOT NULL,
	"reserved_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	CONSTRAINT "group_code_seats_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "group_code_ways" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "group_code_ways_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"code_id" bigint NOT NULL,
	"config_id" text NOT NULL,
	"qr_code" text NOT NULL,
	"chat_ids" text[] NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "group_code_ways_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "group_codes" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "group_codes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"store_id" bigint,
	"status" text DEFAULT 'active' NOT NULL,
	"rule" text DEFAULT 'fill_in_order' NOT NULL,
	"member_cap" integer DEFAULT 200 NOT NULL,
	"auto_open" boolean DEFAULT true NOT NULL,
	"group_name_template" text NOT NULL,
	"next_number" integer DEFAULT 1 NOT NULL,
	"owner_staff_ids" bigint[] DEFAULT '{}'::bigint[] NOT NULL,
	"welcome_text" text DEFAULT '' NOT NULL,
	"notice" text DEFAULT '' NOT NULL,
	"ways_created" integer DEFAULT 0 NOT NULL,
	"ways_sync_until" timestamp with time zone,
	"ways_error" text,
	"full_notified_at" timestamp with time zone,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_codes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "short_links" (
	"slug" text PRIMARY KEY NOT NULL,
	"tenant_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"ref_id" bigint NOT NULL,
	"subject_id" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
CREATE TABLE "notifications" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"link" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
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
CREATE TABLE "reward_grants" (
	"tenant_id" bigint NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "reward_grants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"idempotency_key" text NOT NULL,
	"customer_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"amount" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"source_id" bigint,
	"status" text DEFAULT 'granted' NOT NULL,
	"reason" text,
	"reviewed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "reward_grants_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
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
CREATE TABLE "sim_ways" (
	"tenant_id" bigint NOT NULL,
	"config_id" text NOT NULL,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"members" jsonb NOT NULL,
	"turn" integer DEFAULT 0 NOT NULL,
	"updates" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "sim_ways_tenant_id_config_id_pk" PRIMARY KEY("tenant_id","config_id")
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
CREATE UNIQUE INDEX "group_code_groups_group_uq" ON "group_code_groups" USING btree ("tenant_id","group_id");--> statement-breakpoint
CREATE INDEX "group_code_groups_code_idx" ON "group_code_groups" USING btree ("tenant_id","code_id","position");--> statement-breakpoint
CREATE INDEX "group_code_joins_code_idx" ON "group_code_joins" USING btree ("tenant_id","code_id","joined_at");--> statement-breakpoint
CREATE INDEX "group_code_joins_member_idx" ON "group_code_joins" USING btree ("tenant_id","group_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_code_openings_number_uq" ON "group_code_openings" USING btree ("tenant_id","code_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "group_code_openings_one_uq" ON "group_code_openings" USING btree ("tenant_id","code_id") WHERE status = 'opening';--> statement-breakpoint
CREATE INDEX "group_code_seats_pool_idx" ON "group_code_seats" USING btree ("tenant_id","pool_id","status");--> statement-breakpoint
CREATE INDEX "group_code_seats_due_idx" ON "group_code_seats" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "group_code_seats_customer_idx" ON "group_code_seats" USING btree ("tenant_id","code_id","customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "group_code_seats_visitor_uq" ON "group_code_seats" USING btree ("tenant_id","code_id","visitor_key") WHERE status = 'reserved' and visitor_key is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "group_code_ways_config_uq" ON "group_code_ways" USING btree ("tenant_id","config_id");--> statement-breakpoint
CREATE INDEX "group_code_ways_code_idx" ON "group_code_ways" USING btree ("tenant_id","code_id");--> statement-breakpoint
CREATE INDEX "group_codes_store_idx" ON "group_codes" USING btree ("tenant_id","store_id");--> statement-breakpoint
CREATE UNIQUE INDEX "short_links_target_uq" ON "short_links" USING btree ("tenant_id","kind","ref_id","subject_id");--> statement-breakpoint
CREATE INDEX "short_links_tenant_idx" ON "short_links" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "live_code_attributions_add_uq" ON "live_code_attributions" USING btree ("tenant_id","customer_id","staff_id","added_at");--> statement-breakpoint
CREATE INDEX "live_code_attributions_code_idx" ON "live_code_attributions" USING btree ("tenant_id","code_id","day");--> statement-breakpoint
CREATE INDEX "live_code_attributions_open_idx" ON "live_code_attributions" USING btree ("tenant_id","customer_id","staff_id") WHERE "live_code_attributions"."deleted_at" is null and "live_code_attributions"."superseded_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "live_code_daily_counts_uq" ON "live_code_daily_counts" USING btree ("tenant_id","code_id","day","staff_id");--> statement-breakpoint
CREATE UNIQUE INDEX "live_code_folders_name_uq" ON "live_code_folders" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "live_codes_state_uq" ON "live_codes" USING btree ("tenant_id","state");--> statement-breakpoint
CREATE INDEX "live_codes_folder_idx" ON "live_codes" USING btree ("tenant_id","folder_id");--> statement-breakpoint
CREATE INDEX "live_codes_status_idx" ON "live_codes" USING btree ("status");--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("tenant_id","read_at","id");--> statement-breakpoint
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
CREATE INDEX "referrers_name_idx" ON "referrers" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_grants_key_uq" ON "reward_grants" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "reward_grants_customer_idx" ON "reward_grants" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "reward_grants_source_idx" ON "reward_grants" USING btree ("tenant_id","source","source_id");--> statement-breakpoint
CREATE INDEX "store_code_scans_code_idx" ON "store_code_scans" USING btree ("tenant_id","store_code_id","created_at");--> statement-breakpoint
CREATE INDEX "store_code_scans_created_idx" ON "store_code_scans" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "store_code_targets_store_uq" ON "store_code_targets" USING btree ("tenant_id","store_code_id","store_id");--> statement-breakpoint
CREATE INDEX "store_codes_tenant_idx" ON "store_codes" USING btree ("tenant_id","deleted_at");