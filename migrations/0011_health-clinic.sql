CREATE TABLE "health_child_links" (
	"child_id" uuid PRIMARY KEY NOT NULL,
	"municipality_code" text NOT NULL,
	"resident_number" text NOT NULL,
	"linked_by" text NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_child_links_resident_unique" UNIQUE("municipality_code","resident_number")
);
--> statement-breakpoint
CREATE TABLE "health_consent_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"short_code" text NOT NULL,
	"child_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"purpose" text NOT NULL,
	"child" jsonb NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by_institution" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_consent_codes_purpose" CHECK ("health_consent_codes"."purpose" in ('eligibility', 'vaccination'))
);
--> statement-breakpoint
CREATE TABLE "health_questionnaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"vaccine" text NOT NULL,
	"dose" integer NOT NULL,
	"visit_date" date NOT NULL,
	"temperature" text NOT NULL,
	"answers" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"consent_to_vaccination" text NOT NULL,
	"signed_by" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "health_questionnaires_consent" CHECK ("health_questionnaires"."consent_to_vaccination" in ('yes', 'no'))
);
--> statement-breakpoint
CREATE TABLE "health_vaccination_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"vaccine" text NOT NULL,
	"dose" integer NOT NULL,
	"lot_number" text NOT NULL,
	"given_on" date NOT NULL,
	"institution_code" text NOT NULL,
	"questionnaire_id" uuid,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_vaccination_records_dose" UNIQUE("child_id","vaccine","dose"),
	CONSTRAINT "health_vaccination_records_institution" CHECK ("health_vaccination_records"."institution_code" ~ '^[0-9]{10}$')
);
--> statement-breakpoint
ALTER TABLE "health_child_links" ADD CONSTRAINT "health_child_links_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "health_consent_codes_short_idx" ON "health_consent_codes" USING btree ("short_code");--> statement-breakpoint
CREATE INDEX "health_questionnaires_child_idx" ON "health_questionnaires" USING btree ("child_id","visit_date");--> statement-breakpoint
CREATE INDEX "health_vaccination_records_municipality_idx" ON "health_vaccination_records" USING btree ("municipality_code","given_on");