CREATE TABLE "benefit_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"parent_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_fingerprint" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"account_source" text NOT NULL,
	"bank_code" text NOT NULL,
	"branch_code" text NOT NULL,
	"account_type" text NOT NULL,
	"account_number" text NOT NULL,
	"account_holder_kana" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_applications_idempotency_key" UNIQUE("idempotency_key"),
	CONSTRAINT "benefit_applications_account_source_check" CHECK ("benefit_applications"."account_source" in ('public-receipt', 'manual')),
	CONSTRAINT "benefit_applications_account_type_check" CHECK ("benefit_applications"."account_type" in ('1', '2', '4')),
	CONSTRAINT "benefit_applications_bank_code_check" CHECK ("benefit_applications"."bank_code" ~ '^[0-9]{4}$'),
	CONSTRAINT "benefit_applications_branch_code_check" CHECK ("benefit_applications"."branch_code" ~ '^[0-9]{3}$'),
	CONSTRAINT "benefit_applications_account_number_check" CHECK ("benefit_applications"."account_number" ~ '^[0-9]{7}$')
);
--> statement-breakpoint
CREATE TABLE "benefit_claim_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_claim_history_to_check" CHECK ("benefit_claim_history"."to_status" in ('received', 'under-review', 'needs-fix', 'resubmitted', 'approved', 'payment-scheduled', 'paid', 'rejected', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "benefit_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"application_id" uuid NOT NULL,
	"parent_id" text NOT NULL,
	"child_id" text NOT NULL,
	"benefit_code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"status_reason" text,
	"months" jsonb NOT NULL,
	"amount" integer NOT NULL,
	"evaluation" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_claims_once_per_child" UNIQUE("child_id","benefit_code","fiscal_year"),
	CONSTRAINT "benefit_claims_status_check" CHECK ("benefit_claims"."status" in ('received', 'under-review', 'needs-fix', 'resubmitted', 'approved', 'payment-scheduled', 'paid', 'rejected', 'withdrawn')),
	CONSTRAINT "benefit_claims_benefit_check" CHECK ("benefit_claims"."benefit_code" in ('018support', 'akachan-first')),
	CONSTRAINT "benefit_claims_amount_check" CHECK ("benefit_claims"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "benefit_payment_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"benefit_code" text NOT NULL,
	"fiscal_year" integer NOT NULL,
	"instalment_no" integer NOT NULL,
	"transfer_date" date NOT NULL,
	"payer" jsonb NOT NULL,
	"record_count" integer NOT NULL,
	"total_amount" bigint NOT NULL,
	"file" "bytea" NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "benefit_payment_batches_totals_check" CHECK ("benefit_payment_batches"."record_count" >= 0 and "benefit_payment_batches"."total_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "benefit_payments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"batch_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"claim_id" uuid NOT NULL,
	"line_no" integer NOT NULL,
	"months" jsonb NOT NULL,
	"amount" integer NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"outcome_reason" text,
	"settled_at" timestamp with time zone,
	CONSTRAINT "benefit_payments_line" UNIQUE("batch_id","line_no"),
	CONSTRAINT "benefit_payments_claim_once_per_batch" UNIQUE("batch_id","claim_id"),
	CONSTRAINT "benefit_payments_outcome_check" CHECK ("benefit_payments"."outcome" in ('pending', 'paid', 'failed')),
	CONSTRAINT "benefit_payments_amount_check" CHECK ("benefit_payments"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "benefit_applications" ADD CONSTRAINT "benefit_applications_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_claim_history" ADD CONSTRAINT "benefit_claim_history_claim_id_benefit_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."benefit_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_claims" ADD CONSTRAINT "benefit_claims_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_claims" ADD CONSTRAINT "benefit_claims_application_id_benefit_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."benefit_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_payment_batches" ADD CONSTRAINT "benefit_payment_batches_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_payments" ADD CONSTRAINT "benefit_payments_batch_id_benefit_payment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."benefit_payment_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_payments" ADD CONSTRAINT "benefit_payments_claim_id_benefit_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."benefit_claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benefit_applications_parent_idx" ON "benefit_applications" USING btree ("municipality_code","parent_id");--> statement-breakpoint
CREATE INDEX "benefit_claim_history_claim_idx" ON "benefit_claim_history" USING btree ("claim_id","id");--> statement-breakpoint
CREATE INDEX "benefit_claims_queue_idx" ON "benefit_claims" USING btree ("municipality_code","status","created_at");--> statement-breakpoint
CREATE INDEX "benefit_claims_application_idx" ON "benefit_claims" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "benefit_claims_parent_idx" ON "benefit_claims" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "benefit_payment_batches_idx" ON "benefit_payment_batches" USING btree ("municipality_code","fiscal_year","instalment_no");--> statement-breakpoint
CREATE INDEX "benefit_payments_claim_idx" ON "benefit_payments" USING btree ("claim_id");