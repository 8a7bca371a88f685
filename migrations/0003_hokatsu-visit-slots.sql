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
ALTER TABLE "hokatsu_visit_bookings" ADD CONSTRAINT "hokatsu_visit_bookings_slot_id_hokatsu_visit_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."hokatsu_visit_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hokatsu_visit_slots" ADD CONSTRAINT "hokatsu_visit_slots_nursery_id_hokatsu_nurseries_id_fk" FOREIGN KEY ("nursery_id") REFERENCES "public"."hokatsu_nurseries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "hokatsu_visit_bookings_one_per_family" ON "hokatsu_visit_bookings" USING btree ("slot_id","family_ref") WHERE status = 'booked';--> statement-breakpoint
CREATE INDEX "hokatsu_visit_bookings_family_idx" ON "hokatsu_visit_bookings" USING btree ("municipality_code","family_ref","nursery_id");--> statement-breakpoint
CREATE INDEX "hokatsu_visit_slots_nursery_idx" ON "hokatsu_visit_slots" USING btree ("municipality_code","nursery_id","starts_at");