ALTER TABLE "reports" ADD COLUMN "meeting_format" text DEFAULT 'in_person' NOT NULL;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "present_online" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "present_residence" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "away_for_work" integer;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "residence_member_ids" jsonb;--> statement-breakpoint
-- custom: reports filed before the meeting format existed were online when their flag said so.
UPDATE "reports" SET "meeting_format" = 'online' WHERE "online";--> statement-breakpoint
-- custom: the format is one of three.
ALTER TABLE "reports" ADD CONSTRAINT "reports_meeting_format_check" CHECK ("meeting_format" in ('in_person', 'online', 'combined'));
