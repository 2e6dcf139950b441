DROP INDEX "issues_body_with_body_idx";--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "answered_by" text;--> statement-breakpoint
CREATE INDEX "issues_body_with_body_idx" ON "issues" USING btree ("responsible_body_id","due_at","status","ack_due_at") WHERE status not in ('resolved', 'scheduled', 'explained', 'rejected', 'answered_at_meeting', 'returned');