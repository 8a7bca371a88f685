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
ALTER TABLE "hokatsu_consultation_bookings" ADD CONSTRAINT "hokatsu_consultation_bookings_slot_id_hokatsu_consultation_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."hokatsu_consultation_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hokatsu_consultation_bookings_once" ON "hokatsu_consultation_bookings" USING btree ("slot_id","household_id") WHERE status = 'booked';--> statement-breakpoint
CREATE INDEX "hokatsu_consultation_bookings_household_idx" ON "hokatsu_consultation_bookings" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "hokatsu_consultation_slots_idx" ON "hokatsu_consultation_slots" USING btree ("municipality_code","starts_at");