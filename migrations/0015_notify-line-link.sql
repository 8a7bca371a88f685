CREATE TABLE "notify_line_link_nonces" (
	"nonce" text PRIMARY KEY NOT NULL,
	"parent_id" uuid NOT NULL,
	"household_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
