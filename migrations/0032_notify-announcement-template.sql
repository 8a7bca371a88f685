ALTER TABLE "notify_announcements" ADD COLUMN "template_key" text;--> statement-breakpoint
ALTER TABLE "notify_announcements" ADD COLUMN "template_version" integer;--> statement-breakpoint
ALTER TABLE "notify_announcements" ADD CONSTRAINT "notify_announcements_template_pair" CHECK (("notify_announcements"."template_key" is null) = ("notify_announcements"."template_version" is null));