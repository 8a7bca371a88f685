CREATE TABLE "notify_announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" text NOT NULL,
	"category" text NOT NULL,
	"title_ja" text NOT NULL,
	"body_ja" text NOT NULL,
	"title_en" text NOT NULL,
	"body_en" text NOT NULL,
	"age_min_months" integer,
	"age_max_months" integer,
	"urgent" boolean DEFAULT false NOT NULL,
	"send_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" text NOT NULL,
	"approved_by" text,
	"targeted" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_announcements_status_check" CHECK ("notify_announcements"."status" in ('draft', 'approved', 'sent', 'cancelled')),
	CONSTRAINT "notify_announcements_second_person" CHECK ("notify_announcements"."approved_by" is null or "notify_announcements"."approved_by" <> "notify_announcements"."created_by")
);
--> statement-breakpoint
CREATE TABLE "notify_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"parent_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"channel" text NOT NULL,
	"endpoint_id" uuid,
	"idempotency_key" text NOT NULL,
	"status" text DEFAULT 'created' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"batch_id" uuid,
	"sending_since" timestamp with time zone,
	"last_error" text,
	"provider_reference" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_deliveries_status_check" CHECK ("notify_deliveries"."status" in ('created', 'sending', 'delivered', 'temporary-failure', 'permanent-failure')),
	CONSTRAINT "notify_deliveries_channel_check" CHECK ("notify_deliveries"."channel" in ('inbox', 'line', 'web-push', 'email', 'webhook'))
);
--> statement-breakpoint
CREATE TABLE "notify_deployment_keys" (
	"id" text PRIMARY KEY DEFAULT 'default' NOT NULL,
	"vapid_public_key" text,
	"vapid_private_key" text,
	"link_signing_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"channel" text NOT NULL,
	"address_key" text NOT NULL,
	"address" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"disabled_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_endpoints_channel_check" CHECK ("notify_endpoints"."channel" in ('line', 'web-push', 'email', 'webhook')),
	CONSTRAINT "notify_endpoints_status_check" CHECK ("notify_endpoints"."status" in ('active', 'disabled'))
);
--> statement-breakpoint
CREATE TABLE "notify_line_channels" (
	"municipality_code" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"channel_secret" text NOT NULL,
	"access_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notify_line_link_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"parent_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notify_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parent_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"source" text NOT NULL,
	"occurrence" text NOT NULL,
	"category" text NOT NULL,
	"template_key" text NOT NULL,
	"template_version" integer NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link_path" text,
	"why" jsonb NOT NULL,
	"urgent" boolean DEFAULT false NOT NULL,
	"announcement_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notify_preferences" (
	"parent_id" uuid PRIMARY KEY NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"language" text DEFAULT 'ja' NOT NULL,
	"channels" text[] DEFAULT '{line,web-push,email}' NOT NULL,
	"unsubscribed_categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"quiet_start_minute" smallint DEFAULT 1260 NOT NULL,
	"quiet_end_minute" smallint DEFAULT 480 NOT NULL,
	"frequency" text DEFAULT 'immediate' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_preferences_language_check" CHECK ("notify_preferences"."language" in ('ja', 'en')),
	CONSTRAINT "notify_preferences_frequency_check" CHECK ("notify_preferences"."frequency" in ('immediate', 'monthly-digest')),
	CONSTRAINT "notify_preferences_quiet_check" CHECK ("notify_preferences"."quiet_start_minute" between 0 and 1439 and "notify_preferences"."quiet_end_minute" between 0 and 1439)
);
--> statement-breakpoint
CREATE TABLE "notify_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"category" text NOT NULL,
	"title_ja" text NOT NULL,
	"body_ja" text NOT NULL,
	"title_en" text NOT NULL,
	"body_en" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD CONSTRAINT "notify_deliveries_message_id_notify_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."notify_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD CONSTRAINT "notify_deliveries_endpoint_id_notify_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."notify_endpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notify_deliveries_idempotency_idx" ON "notify_deliveries" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "notify_deliveries_due_idx" ON "notify_deliveries" USING btree ("channel","next_attempt_at") WHERE "notify_deliveries"."status" in ('created', 'temporary-failure');--> statement-breakpoint
CREATE INDEX "notify_deliveries_sending_idx" ON "notify_deliveries" USING btree ("channel","sending_since") WHERE "notify_deliveries"."status" = 'sending';--> statement-breakpoint
CREATE INDEX "notify_deliveries_message_idx" ON "notify_deliveries" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_endpoints_parent_address_idx" ON "notify_endpoints" USING btree ("parent_id","channel","address_key");--> statement-breakpoint
CREATE INDEX "notify_endpoints_active_idx" ON "notify_endpoints" USING btree ("parent_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_messages_occurrence_idx" ON "notify_messages" USING btree ("parent_id","source","occurrence");--> statement-breakpoint
CREATE INDEX "notify_messages_inbox_idx" ON "notify_messages" USING btree ("parent_id","created_at");--> statement-breakpoint
CREATE INDEX "notify_messages_announcement_idx" ON "notify_messages" USING btree ("announcement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notify_templates_key_version_idx" ON "notify_templates" USING btree ("key","version");