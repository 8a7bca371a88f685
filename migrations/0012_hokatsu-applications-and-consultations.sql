CREATE TABLE "hokatsu_allocation_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"round_month" date NOT NULL,
	"round_no" smallint NOT NULL,
	"status" text DEFAULT 'dry-run' NOT NULL,
	"applicants" integer NOT NULL,
	"offers" integer NOT NULL,
	"blocking_pairs" integer NOT NULL,
	"result" jsonb NOT NULL,
	"run_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	CONSTRAINT "hokatsu_allocation_rounds_status_check" CHECK ("hokatsu_allocation_rounds"."status" in ('dry-run', 'published')),
	CONSTRAINT "hokatsu_allocation_rounds_published_check" CHECK (("hokatsu_allocation_rounds"."status" = 'published') = ("hokatsu_allocation_rounds"."published_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "hokatsu_application_adjustments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"points" integer NOT NULL,
	"reason" text NOT NULL,
	"staff_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hokatsu_application_adjustments_points_check" CHECK ("hokatsu_application_adjustments"."points" between -100 and 100 and "hokatsu_application_adjustments"."points" <> 0),
	CONSTRAINT "hokatsu_application_adjustments_reason_check" CHECK (length(trim("hokatsu_application_adjustments"."reason")) between 2 and 500)
);
--> statement-breakpoint
CREATE TABLE "hokatsu_application_choices" (
	"application_id" uuid NOT NULL,
	"rank" smallint NOT NULL,
	"nursery_id" uuid NOT NULL,
	CONSTRAINT "hokatsu_application_choices_application_id_rank_pk" PRIMARY KEY("application_id","rank"),
	CONSTRAINT "hokatsu_application_choices_once" UNIQUE("application_id","nursery_id"),
	CONSTRAINT "hokatsu_application_choices_rank_check" CHECK ("hokatsu_application_choices"."rank" between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "hokatsu_application_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"filename" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hokatsu_application_documents_type_check" CHECK ("hokatsu_application_documents"."content_type" in ('application/pdf', 'image/jpeg', 'image/png')),
	CONSTRAINT "hokatsu_application_documents_size_check" CHECK ("hokatsu_application_documents"."size_bytes" between 1 and 5242880 and octet_length("hokatsu_application_documents"."content") = "hokatsu_application_documents"."size_bytes")
);
--> statement-breakpoint
CREATE TABLE "hokatsu_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"household_id" text NOT NULL,
	"child_id" text NOT NULL,
	"child_name" text NOT NULL,
	"child_birth_date" date NOT NULL,
	"round_month" date NOT NULL,
	"age_class" smallint NOT NULL,
	"fiscal_year" integer NOT NULL,
	"rules_version" integer NOT NULL,
	"answers" jsonb NOT NULL,
	"computed_index" integer NOT NULL,
	"index_lines" jsonb NOT NULL,
	"siblings_together" boolean DEFAULT false NOT NULL,
	"lottery" integer NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"fix_request" text,
	"offered_nursery_id" uuid,
	"waitlist_rank" integer,
	"explanation" jsonb,
	"allocation_round_id" uuid,
	"submitted_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hokatsu_applications_child_round" UNIQUE("child_id","round_month"),
	CONSTRAINT "hokatsu_applications_status_check" CHECK ("hokatsu_applications"."status" in ('submitted', 'in-review', 'needs-fix', 'ready', 'offered', 'waitlisted', 'accepted', 'declined')),
	CONSTRAINT "hokatsu_applications_age_check" CHECK ("hokatsu_applications"."age_class" between 0 and 5),
	CONSTRAINT "hokatsu_applications_offer_check" CHECK (("hokatsu_applications"."status" in ('offered', 'accepted', 'declined')) = ("hokatsu_applications"."offered_nursery_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "hokatsu_consultation_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"slot_id" uuid NOT NULL,
	"household_id" text NOT NULL,
	"topic" text NOT NULL,
	"questions" text,
	"status" text DEFAULT 'booked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hokatsu_consultation_bookings_topic_check" CHECK (length("hokatsu_consultation_bookings"."topic") between 1 and 200),
	CONSTRAINT "hokatsu_consultation_bookings_questions_check" CHECK ("hokatsu_consultation_bookings"."questions" is null or length("hokatsu_consultation_bookings"."questions") <= 2000),
	CONSTRAINT "hokatsu_consultation_bookings_status_check" CHECK ("hokatsu_consultation_bookings"."status" in ('booked', 'cancelled', 'held', 'no-show'))
);
--> statement-breakpoint
CREATE TABLE "hokatsu_consultation_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"counsellor_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" smallint NOT NULL,
	"meeting_url" text NOT NULL,
	"capacity" smallint DEFAULT 1 NOT NULL,
	"seats_taken" smallint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hokatsu_consultation_slots_duration_check" CHECK ("hokatsu_consultation_slots"."duration_minutes" between 10 and 120),
	CONSTRAINT "hokatsu_consultation_slots_capacity_check" CHECK ("hokatsu_consultation_slots"."capacity" between 1 and 10),
	CONSTRAINT "hokatsu_consultation_slots_seats_check" CHECK ("hokatsu_consultation_slots"."seats_taken" >= 0 and "hokatsu_consultation_slots"."seats_taken" <= "hokatsu_consultation_slots"."capacity"),
	CONSTRAINT "hokatsu_consultation_slots_url_check" CHECK ("hokatsu_consultation_slots"."meeting_url" like 'https://%'),
	CONSTRAINT "hokatsu_consultation_slots_status_check" CHECK ("hokatsu_consultation_slots"."status" in ('open', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "hokatsu_application_adjustments" ADD CONSTRAINT "hokatsu_application_adjustments_application_id_hokatsu_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."hokatsu_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hokatsu_application_choices" ADD CONSTRAINT "hokatsu_application_choices_application_id_hokatsu_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."hokatsu_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hokatsu_application_choices" ADD CONSTRAINT "hokatsu_application_choices_nursery_id_hokatsu_nurseries_id_fk" FOREIGN KEY ("nursery_id") REFERENCES "public"."hokatsu_nurseries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hokatsu_application_documents" ADD CONSTRAINT "hokatsu_application_documents_application_id_hokatsu_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."hokatsu_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hokatsu_applications" ADD CONSTRAINT "hokatsu_applications_offered_nursery_id_hokatsu_nurseries_id_fk" FOREIGN KEY ("offered_nursery_id") REFERENCES "public"."hokatsu_nurseries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hokatsu_consultation_bookings" ADD CONSTRAINT "hokatsu_consultation_bookings_slot_id_hokatsu_consultation_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."hokatsu_consultation_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hokatsu_allocation_rounds_one_published" ON "hokatsu_allocation_rounds" USING btree ("municipality_code","round_month","round_no") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "hokatsu_application_documents_app_idx" ON "hokatsu_application_documents" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "hokatsu_applications_queue_idx" ON "hokatsu_applications" USING btree ("municipality_code","round_month","status");--> statement-breakpoint
CREATE INDEX "hokatsu_applications_household_idx" ON "hokatsu_applications" USING btree ("household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "hokatsu_consultation_bookings_once" ON "hokatsu_consultation_bookings" USING btree ("slot_id","household_id") WHERE status = 'booked';--> statement-breakpoint
CREATE INDEX "hokatsu_consultation_bookings_household_idx" ON "hokatsu_consultation_bookings" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "hokatsu_consultation_slots_idx" ON "hokatsu_consultation_slots" USING btree ("municipality_code","starts_at");