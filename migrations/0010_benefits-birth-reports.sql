CREATE TABLE "benefit_birth_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"household_id" uuid NOT NULL,
	"child_name" text NOT NULL,
	"child_name_kana" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"parents" jsonb NOT NULL,
	"address" text NOT NULL,
	"status" text DEFAULT 'reported' NOT NULL,
	"child_id" uuid,
	"reported_by" text NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "benefit_birth_reports_status_check" CHECK ("benefit_birth_reports"."status" in ('reported', 'confirmed')),
	CONSTRAINT "benefit_birth_reports_sex_check" CHECK ("benefit_birth_reports"."sex" in ('male', 'female', 'unspecified')),
	CONSTRAINT "benefit_birth_reports_confirmed_check" CHECK (("benefit_birth_reports"."status" = 'confirmed') = ("benefit_birth_reports"."child_id" is not null and "benefit_birth_reports"."confirmed_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "benefit_birth_reports" ADD CONSTRAINT "benefit_birth_reports_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benefit_birth_reports_household_idx" ON "benefit_birth_reports" USING btree ("household_id","status");