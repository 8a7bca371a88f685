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
CREATE INDEX "assist_message_drafts_program_idx" ON "assist_message_drafts" USING btree ("program_id","created_at");