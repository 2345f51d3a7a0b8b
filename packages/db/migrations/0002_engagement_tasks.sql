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
CREATE UNIQUE INDEX "guide_tasks_source_uq" ON "guide_tasks" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE INDEX "guide_tasks_staff_idx" ON "guide_tasks" USING btree ("tenant_id","staff_id","status","due_at");--> statement-breakpoint
CREATE INDEX "guide_tasks_open_due_idx" ON "guide_tasks" USING btree ("tenant_id","due_at") WHERE "guide_tasks"."status" = 'open';