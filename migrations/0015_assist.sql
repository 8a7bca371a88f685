CREATE TABLE "assist_handouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"pdf_base64" text NOT NULL,
	"text" text NOT NULL,
	"search_key" text NOT NULL,
	"categories" text[] NOT NULL,
	"program_ids" uuid[] NOT NULL,
	"pregnancy_week_from" integer,
	"pregnancy_week_to" integer,
	"age_min_months" integer,
	"age_max_months" integer,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assist_handouts_weeks_check" CHECK ("assist_handouts"."pregnancy_week_from" is null or "assist_handouts"."pregnancy_week_to" is null or "assist_handouts"."pregnancy_week_from" < "assist_handouts"."pregnancy_week_to"),
	CONSTRAINT "assist_handouts_ages_check" CHECK ("assist_handouts"."age_min_months" is null or "assist_handouts"."age_max_months" is null or "assist_handouts"."age_min_months" < "assist_handouts"."age_max_months")
);
--> statement-breakpoint
CREATE TABLE "assist_message_drafts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"program_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"generator" text NOT NULL,
	"texts" jsonb NOT NULL,
	"variables" text[] NOT NULL,
	"created_by" text NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assist_message_drafts_status_check" CHECK ("assist_message_drafts"."status" in ('draft', 'approved')),
	CONSTRAINT "assist_message_drafts_approval_check" CHECK (("assist_message_drafts"."status" = 'approved') = ("assist_message_drafts"."approved_by" is not null and "assist_message_drafts"."approved_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "assist_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"program_id" uuid NOT NULL,
	"source_kind" text NOT NULL,
	"source_name" text,
	"source_text" text NOT NULL,
	"extractor" text NOT NULL,
	"notices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fields" jsonb NOT NULL,
	"decisions" jsonb,
	"status" text DEFAULT 'open' NOT NULL,
	"applied_version" integer,
	"created_by" text NOT NULL,
	"decided_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "assist_proposals_status_check" CHECK ("assist_proposals"."status" in ('open', 'applying', 'applied', 'discarded')),
	CONSTRAINT "assist_proposals_source_kind_check" CHECK ("assist_proposals"."source_kind" in ('html', 'pdf', 'text', 'url')),
	CONSTRAINT "assist_proposals_applied_version_check" CHECK (("assist_proposals"."status" = 'applied') = ("assist_proposals"."applied_version" is not null))
);
--> statement-breakpoint
CREATE INDEX "assist_handouts_municipality_idx" ON "assist_handouts" USING btree ("municipality_code","created_at");--> statement-breakpoint
CREATE INDEX "assist_message_drafts_program_idx" ON "assist_message_drafts" USING btree ("program_id","created_at");--> statement-breakpoint
CREATE INDEX "assist_proposals_program_idx" ON "assist_proposals" USING btree ("program_id","created_at");