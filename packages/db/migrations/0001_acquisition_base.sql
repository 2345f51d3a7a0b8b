CREATE TABLE "short_links" (
	"slug" text PRIMARY KEY NOT NULL,
	"tenant_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"ref_id" bigint NOT NULL,
	"subject_id" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
CREATE UNIQUE INDEX "short_links_target_uq" ON "short_links" USING btree ("tenant_id","kind","ref_id","subject_id");--> statement-breakpoint
CREATE INDEX "short_links_tenant_idx" ON "short_links" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reward_grants_key_uq" ON "reward_grants" USING btree ("tenant_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "reward_grants_customer_idx" ON "reward_grants" USING btree ("tenant_id","customer_id");--> statement-breakpoint
CREATE INDEX "reward_grants_source_idx" ON "reward_grants" USING btree ("tenant_id","source","source_id");