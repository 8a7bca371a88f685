CREATE TABLE "health_checkup_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"checkup_code" text NOT NULL,
	"examined_on" date NOT NULL,
	"outcome" text NOT NULL,
	"measurements" jsonb NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"recorded_by_kind" text NOT NULL,
	"institution_code" text,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "health_checkup_results_once" UNIQUE("subject_id","kind","checkup_code"),
	CONSTRAINT "health_checkup_results_kind" CHECK ("health_checkup_results"."kind" in ('infant', 'prenatal')),
	CONSTRAINT "health_checkup_results_outcome" CHECK ("health_checkup_results"."outcome" in ('no-findings', 'follow-up', 'referred')),
	CONSTRAINT "health_checkup_results_recorder" CHECK ("health_checkup_results"."recorded_by_kind" in ('municipality', 'clinic')),
	CONSTRAINT "health_checkup_results_institution" CHECK (("health_checkup_results"."recorded_by_kind" = 'clinic') = ("health_checkup_results"."institution_code" is not null and "health_checkup_results"."institution_code" ~ '^[0-9]{10}$'))
);
--> statement-breakpoint
CREATE INDEX "health_checkup_results_municipality_idx" ON "health_checkup_results" USING btree ("municipality_code","examined_on");--> statement-breakpoint
CREATE INDEX "health_checkup_results_household_idx" ON "health_checkup_results" USING btree ("household_id");