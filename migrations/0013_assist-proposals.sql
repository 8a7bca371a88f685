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
CREATE INDEX "assist_proposals_program_idx" ON "assist_proposals" USING btree ("program_id","created_at");