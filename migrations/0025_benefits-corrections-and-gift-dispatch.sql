CREATE TABLE "benefit_claim_corrections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"parent_id" text NOT NULL,
	"fix_reason" text,
	"previous_account" jsonb,
	"new_account" jsonb,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_claim_corrections_something_check" CHECK ("benefit_claim_corrections"."new_account" is not null or "benefit_claim_corrections"."note" is not null)
);
--> statement-breakpoint
CREATE TABLE "benefit_gift_dispatch_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_gift_dispatch_history_to_check" CHECK ("benefit_gift_dispatch_history"."to_status" in ('preparing', 'shipped', 'registered'))
);
--> statement-breakpoint
CREATE TABLE "benefit_gift_dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_gift_dispatches_claim" UNIQUE("claim_id"),
	CONSTRAINT "benefit_gift_dispatches_status_check" CHECK ("benefit_gift_dispatches"."status" in ('preparing', 'shipped', 'registered'))
);
--> statement-breakpoint
ALTER TABLE "benefit_claim_corrections" ADD CONSTRAINT "benefit_claim_corrections_claim_id_benefit_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."benefit_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_claim_corrections" ADD CONSTRAINT "benefit_claim_corrections_application_id_benefit_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."benefit_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_claim_corrections" ADD CONSTRAINT "benefit_claim_corrections_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_gift_dispatch_history" ADD CONSTRAINT "benefit_gift_dispatch_history_dispatch_id_benefit_gift_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."benefit_gift_dispatches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_gift_dispatches" ADD CONSTRAINT "benefit_gift_dispatches_claim_id_benefit_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."benefit_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_gift_dispatches" ADD CONSTRAINT "benefit_gift_dispatches_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benefit_claim_corrections_claim_idx" ON "benefit_claim_corrections" USING btree ("claim_id","created_at");--> statement-breakpoint
CREATE INDEX "benefit_gift_dispatch_history_claim_idx" ON "benefit_gift_dispatch_history" USING btree ("claim_id","id");--> statement-breakpoint
CREATE INDEX "benefit_gift_dispatches_queue_idx" ON "benefit_gift_dispatches" USING btree ("municipality_code","status");