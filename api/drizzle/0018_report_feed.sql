ALTER TABLE "reports" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "reports_seq_idx" ON "reports" USING btree ("seq");--> statement-breakpoint
-- custom: i16-feed — the report feed starts where report.submitted was last raised by the old path
-- (the first issue's first history entry): at the first report that still has history past the
-- issue-event cursor, otherwise after every stored report. A report fed twice keeps one delivery
-- (same dedupe key as before).
INSERT INTO "delivery_cursors" ("name", "last_event_id")
SELECT 'reports', coalesce(
  (SELECT min(r."seq") - 1 FROM "reports" r
    WHERE EXISTS (SELECT 1 FROM "issues" i JOIN "issue_events" e ON e."issue_id" = i."id"
                   WHERE i."report_id" = r."id"
                     AND e."id" > coalesce((SELECT "last_event_id" FROM "delivery_cursors" WHERE "name" = 'issue_events'), 0))),
  (SELECT max("seq") FROM "reports"),
  0)
ON CONFLICT DO NOTHING;
