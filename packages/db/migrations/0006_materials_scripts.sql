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
CREATE UNIQUE INDEX "material_folders_name_uq" ON "material_folders" USING btree ("tenant_id",coalesce("parent_id", 0),"name");--> statement-breakpoint
CREATE INDEX "materials_folder_idx" ON "materials" USING btree ("tenant_id","folder_id");--> statement-breakpoint
CREATE INDEX "materials_type_idx" ON "materials" USING btree ("tenant_id","type");--> statement-breakpoint
CREATE INDEX "materials_tags_idx" ON "materials" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "script_categories_name_uq" ON "script_categories" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "script_categories_key_uq" ON "script_categories" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "scripts_category_idx" ON "scripts" USING btree ("tenant_id","category_id");