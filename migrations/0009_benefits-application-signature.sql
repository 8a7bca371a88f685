ALTER TABLE "benefit_applications" ADD COLUMN "signed_digest" text;--> statement-breakpoint
ALTER TABLE "benefit_applications" ADD COLUMN "signature" text;--> statement-breakpoint
ALTER TABLE "benefit_applications" ADD COLUMN "signer_certificate_chain" jsonb;--> statement-breakpoint
ALTER TABLE "benefit_applications" ADD COLUMN "signed_document" text;