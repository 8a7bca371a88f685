CREATE TABLE "demo_card_settings" (
	"id" text PRIMARY KEY DEFAULT 'default' NOT NULL,
	"signing_jwk" jsonb NOT NULL,
	"cookie_key" text NOT NULL,
	"client_secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demo_card_settings_singleton" CHECK ("demo_card_settings"."id" = 'default')
);
--> statement-breakpoint
CREATE TABLE "demo_card_store" (
	"model" text NOT NULL,
	"id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"user_code" text,
	"uid" text,
	"expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "demo_card_store_model_id_pk" PRIMARY KEY("model","id")
);
--> statement-breakpoint
CREATE INDEX "demo_card_store_uid_idx" ON "demo_card_store" USING btree ("model","uid");--> statement-breakpoint
CREATE INDEX "demo_card_store_grant_idx" ON "demo_card_store" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "demo_card_store_expires_idx" ON "demo_card_store" USING btree ("expires_at");