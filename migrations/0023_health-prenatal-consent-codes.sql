CREATE TABLE "health_prenatal_consent_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"short_code" text NOT NULL,
	"pregnancy_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"purpose" text DEFAULT 'prenatal-checkup' NOT NULL,
	"expecting" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_institution" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_prenatal_consent_codes_purpose" CHECK ("health_prenatal_consent_codes"."purpose" in ('prenatal-checkup'))
);
--> statement-breakpoint
CREATE INDEX "health_prenatal_consent_codes_short_idx" ON "health_prenatal_consent_codes" USING btree ("short_code");