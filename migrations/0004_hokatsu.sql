CREATE TABLE "hokatsu_nurseries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"name" text NOT NULL,
	"name_kana" text,
	"category" text NOT NULL,
	"type_label" text,
	"address" text,
	"latitude" double precision,
	"longitude" double precision,
	"capacity" integer,
	"min_age_class" smallint,
	"max_age_class" smallint,
	"opens_at" text,
	"closes_at" text,
	"extended_care" boolean,
	"temporary_care" boolean,
	"phone" text,
	"url" text,
	"notes" text,
	"attribution" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hokatsu_nurseries_source_key" UNIQUE("municipality_code","source","external_id"),
	CONSTRAINT "hokatsu_nurseries_municipality_format" CHECK ("hokatsu_nurseries"."municipality_code" ~ '^[0-9]{6}$'),
	CONSTRAINT "hokatsu_nurseries_category_check" CHECK (category in ('licensed', 'small-scale', 'certified-kodomoen', 'tokyo-certified', 'home-based', 'workplace', 'kindergarten', 'unlicensed', 'other')),
	CONSTRAINT "hokatsu_nurseries_ages_check" CHECK (("hokatsu_nurseries"."min_age_class" is null or "hokatsu_nurseries"."min_age_class" between 0 and 5) and ("hokatsu_nurseries"."max_age_class" is null or "hokatsu_nurseries"."max_age_class" between 0 and 5)),
	CONSTRAINT "hokatsu_nurseries_hours_format" CHECK (("hokatsu_nurseries"."opens_at" is null or "hokatsu_nurseries"."opens_at" ~ '^[0-2][0-9]:[0-5][0-9]$') and ("hokatsu_nurseries"."closes_at" is null or "hokatsu_nurseries"."closes_at" ~ '^[0-2][0-9]:[0-5][0-9]$'))
);
--> statement-breakpoint
CREATE TABLE "hokatsu_nursery_minimum_indices" (
	"nursery_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"round_month" date NOT NULL,
	"round_no" smallint NOT NULL,
	"age_class" smallint NOT NULL,
	"minimum_index" double precision,
	"label" text,
	"source" text NOT NULL,
	CONSTRAINT "hokatsu_nursery_minimum_indices_nursery_id_round_month_round_no_age_class_pk" PRIMARY KEY("nursery_id","round_month","round_no","age_class"),
	CONSTRAINT "hokatsu_nursery_minimum_indices_age_check" CHECK ("hokatsu_nursery_minimum_indices"."age_class" between 0 and 5),
	CONSTRAINT "hokatsu_nursery_minimum_indices_value_check" CHECK ("hokatsu_nursery_minimum_indices"."minimum_index" is not null or "hokatsu_nursery_minimum_indices"."label" is not null)
);
--> statement-breakpoint
CREATE TABLE "hokatsu_nursery_vacancies" (
	"nursery_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"month" date NOT NULL,
	"age_class" smallint NOT NULL,
	"vacancies" integer,
	"waiting" integer,
	"as_of" date,
	"source" text NOT NULL,
	CONSTRAINT "hokatsu_nursery_vacancies_nursery_id_month_age_class_pk" PRIMARY KEY("nursery_id","month","age_class"),
	CONSTRAINT "hokatsu_nursery_vacancies_age_check" CHECK ("hokatsu_nursery_vacancies"."age_class" between 0 and 5),
	CONSTRAINT "hokatsu_nursery_vacancies_month_check" CHECK (extract(day from "hokatsu_nursery_vacancies"."month") = 1),
	CONSTRAINT "hokatsu_nursery_vacancies_counts_check" CHECK (coalesce("hokatsu_nursery_vacancies"."vacancies", 0) >= 0 and coalesce("hokatsu_nursery_vacancies"."waiting", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "hokatsu_visit_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"slot_id" uuid NOT NULL,
	"nursery_id" uuid NOT NULL,
	"family_ref" text NOT NULL,
	"party_size" smallint DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hokatsu_visit_bookings_party_check" CHECK ("hokatsu_visit_bookings"."party_size" between 1 and 4),
	CONSTRAINT "hokatsu_visit_bookings_status_check" CHECK ("hokatsu_visit_bookings"."status" in ('booked', 'cancelled', 'attended', 'no-show'))
);
--> statement-breakpoint
CREATE TABLE "hokatsu_visit_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"nursery_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hokatsu_visit_slots_capacity_check" CHECK ("hokatsu_visit_slots"."capacity" > 0 and "hokatsu_visit_slots"."capacity" <= 200),
	CONSTRAINT "hokatsu_visit_slots_seats_check" CHECK ("hokatsu_visit_slots"."seats_taken" >= 0 and "hokatsu_visit_slots"."seats_taken" <= "hokatsu_visit_slots"."capacity"),
	CONSTRAINT "hokatsu_visit_slots_time_check" CHECK ("hokatsu_visit_slots"."ends_at" > "hokatsu_visit_slots"."starts_at"),
	CONSTRAINT "hokatsu_visit_slots_status_check" CHECK ("hokatsu_visit_slots"."status" in ('open', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "hokatsu_nursery_minimum_indices" ADD CONSTRAINT "hokatsu_nursery_minimum_indices_nursery_id_hokatsu_nurseries_id_fk" FOREIGN KEY ("nursery_id") REFERENCES "public"."hokatsu_nurseries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hokatsu_nursery_vacancies" ADD CONSTRAINT "hokatsu_nursery_vacancies_nursery_id_hokatsu_nurseries_id_fk" FOREIGN KEY ("nursery_id") REFERENCES "public"."hokatsu_nurseries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hokatsu_visit_bookings" ADD CONSTRAINT "hokatsu_visit_bookings_slot_id_hokatsu_visit_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."hokatsu_visit_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hokatsu_visit_slots" ADD CONSTRAINT "hokatsu_visit_slots_nursery_id_hokatsu_nurseries_id_fk" FOREIGN KEY ("nursery_id") REFERENCES "public"."hokatsu_nurseries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hokatsu_nurseries_municipality_idx" ON "hokatsu_nurseries" USING btree ("municipality_code","category");--> statement-breakpoint
CREATE INDEX "hokatsu_nursery_minimum_indices_municipality_idx" ON "hokatsu_nursery_minimum_indices" USING btree ("municipality_code","round_month");--> statement-breakpoint
CREATE INDEX "hokatsu_nursery_vacancies_search_idx" ON "hokatsu_nursery_vacancies" USING btree ("municipality_code","month","age_class");--> statement-breakpoint
CREATE UNIQUE INDEX "hokatsu_visit_bookings_one_per_family" ON "hokatsu_visit_bookings" USING btree ("slot_id","family_ref") WHERE status = 'booked';--> statement-breakpoint
CREATE INDEX "hokatsu_visit_bookings_family_idx" ON "hokatsu_visit_bookings" USING btree ("municipality_code","family_ref","nursery_id");--> statement-breakpoint
CREATE INDEX "hokatsu_visit_slots_nursery_idx" ON "hokatsu_visit_slots" USING btree ("municipality_code","nursery_id","starts_at");