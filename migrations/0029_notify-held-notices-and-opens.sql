CREATE TABLE "notify_held_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"source" text NOT NULL,
	"occurrence" text NOT NULL,
	"category" text NOT NULL,
	"template_key" text NOT NULL,
	"template_version" integer NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link_path" text,
	"why" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"folded_month" text,
	"folded_into" uuid
);
--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notify_held_notices" ADD CONSTRAINT "notify_held_notices_folded_into_notify_messages_id_fk" FOREIGN KEY ("folded_into") REFERENCES "public"."notify_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notify_held_notices_occurrence_idx" ON "notify_held_notices" USING btree ("parent_id","source","occurrence");--> statement-breakpoint
CREATE INDEX "notify_held_notices_waiting_idx" ON "notify_held_notices" USING btree ("municipality_code","parent_id") WHERE "notify_held_notices"."folded_month" is null;