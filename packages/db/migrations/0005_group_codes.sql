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
CREATE INDEX "group_codes_store_idx" ON "group_codes" USING btree ("tenant_id","store_id");