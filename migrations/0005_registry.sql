CREATE TABLE "registry_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"program_id" uuid NOT NULL,
	"psid" text NOT NULL,
	"municipality_code" text NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_changes_kind_check" CHECK ("registry_changes"."kind" in ('created', 'updated', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "registry_program_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"municipality_code" text NOT NULL,
	"status" text NOT NULL,
	"data" json NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"diff" json NOT NULL,
	"created_by" text NOT NULL,
	"submitted_by" text,
	"reviewed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "registry_program_versions_status_check" CHECK ("registry_program_versions"."status" in ('draft', 'in_review', 'published', 'retired')),
	CONSTRAINT "registry_program_versions_effective_check" CHECK ("registry_program_versions"."effective_from" is null or "registry_program_versions"."effective_to" is null or "registry_program_versions"."effective_from" < "registry_program_versions"."effective_to")
);
--> statement-breakpoint
CREATE TABLE "registry_programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"psid" text NOT NULL,
	"municipality_code" text NOT NULL,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"name" text NOT NULL,
	"categories" text[] NOT NULL,
	"age_min_months" integer,
	"age_max_months" integer,
	"age_source" text NOT NULL,
	"prenatal" boolean NOT NULL,
	"procedure_to" date,
	"effective_from" date,
	"effective_to" date,
	"search_key" text NOT NULL,
	"data" json NOT NULL,
	"summary" text NOT NULL,
	"raw" json,
	"raw_hash" text,
	"staff_edited" boolean DEFAULT false NOT NULL,
	"current_version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registry_programs_status_check" CHECK ("registry_programs"."status" in ('draft', 'in_review', 'published', 'retired')),
	CONSTRAINT "registry_programs_origin_check" CHECK ("registry_programs"."origin" in ('import', 'staff')),
	CONSTRAINT "registry_programs_age_source_check" CHECK ("registry_programs"."age_source" in ('explicit', 'inferred', 'unknown')),
	CONSTRAINT "registry_programs_age_window_check" CHECK ("registry_programs"."age_min_months" is null or "registry_programs"."age_max_months" is null or "registry_programs"."age_min_months" < "registry_programs"."age_max_months"),
	CONSTRAINT "registry_programs_municipality_format" CHECK ("registry_programs"."municipality_code" ~ '^[0-9]{6}$')
);
--> statement-breakpoint
ALTER TABLE "registry_changes" ADD CONSTRAINT "registry_changes_program_id_registry_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."registry_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_program_versions" ADD CONSTRAINT "registry_program_versions_program_id_registry_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."registry_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "registry_program_versions_program_version_idx" ON "registry_program_versions" USING btree ("program_id","version");--> statement-breakpoint
CREATE INDEX "registry_program_versions_status_idx" ON "registry_program_versions" USING btree ("municipality_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "registry_programs_psid_idx" ON "registry_programs" USING btree ("psid");--> statement-breakpoint
CREATE INDEX "registry_programs_municipality_idx" ON "registry_programs" USING btree ("municipality_code","status","psid");--> statement-breakpoint
CREATE INDEX "registry_programs_status_psid_idx" ON "registry_programs" USING btree ("status","psid");