ALTER TABLE "benefit_applications" ADD COLUMN "household_id" uuid;--> statement-breakpoint
ALTER TABLE "benefit_claims" ADD COLUMN "household_id" uuid;