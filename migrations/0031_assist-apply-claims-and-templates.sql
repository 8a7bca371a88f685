ALTER TABLE "assist_message_drafts" ADD COLUMN "template_key" text;--> statement-breakpoint
ALTER TABLE "assist_message_drafts" ADD COLUMN "template_version" integer;--> statement-breakpoint
ALTER TABLE "assist_proposals" ADD COLUMN "claim_id" uuid;--> statement-breakpoint
ALTER TABLE "assist_proposals" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assist_proposals" ADD COLUMN "pending_version" integer;