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
CREATE INDEX "assist_handouts_municipality_idx" ON "assist_handouts" USING btree ("municipality_code","created_at");