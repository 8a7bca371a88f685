CREATE TABLE "health_recipient_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"file_name" text NOT NULL,
	"format" text NOT NULL,
	"summary" jsonb NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_subsidy_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"scheme_id" uuid NOT NULL,
	"recipient_number" text NOT NULL,
	"resident_number" text NOT NULL,
	"name" text NOT NULL,
	"name_kana" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"address" text NOT NULL,
	"certification_name" text NOT NULL,
	"certificate_type_id" text NOT NULL,
	"is_not_disclosed" boolean DEFAULT false NOT NULL,
	"max_copayment" jsonb,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"ended_at" timestamp with time zone,
	"import_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_subsidy_recipients_key" UNIQUE("scheme_id","recipient_number","valid_from"),
	CONSTRAINT "health_subsidy_recipients_period" CHECK ("health_subsidy_recipients"."valid_from" <= "health_subsidy_recipients"."valid_to"),
	CONSTRAINT "health_subsidy_recipients_sex" CHECK ("health_subsidy_recipients"."sex" in ('0', '1', '2', '9'))
);
--> statement-breakpoint
CREATE TABLE "health_subsidy_schemes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"code" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text NOT NULL,
	"insurer_number" text NOT NULL,
	"recipient_number_has_check_digit" boolean DEFAULT false NOT NULL,
	"coverage" jsonb NOT NULL,
	"copay" jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"verification" text,
	CONSTRAINT "health_subsidy_schemes_insurer_unique" UNIQUE("municipality_code","insurer_number"),
	CONSTRAINT "health_subsidy_schemes_insurer_format" CHECK ("health_subsidy_schemes"."insurer_number" ~ '^[0-9]{8}$')
);
--> statement-breakpoint
ALTER TABLE "health_recipient_imports" ADD CONSTRAINT "health_recipient_imports_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_subsidy_recipients" ADD CONSTRAINT "health_subsidy_recipients_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_subsidy_recipients" ADD CONSTRAINT "health_subsidy_recipients_scheme_id_health_subsidy_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."health_subsidy_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_subsidy_schemes" ADD CONSTRAINT "health_subsidy_schemes_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "health_subsidy_recipients_resident_idx" ON "health_subsidy_recipients" USING btree ("municipality_code","resident_number");