-- The issue timeline is append-only: any UPDATE or DELETE of an event is refused by the database
-- itself, whatever the application does.
CREATE OR REPLACE FUNCTION issue_events_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'issue_events is append-only';
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER issue_events_no_update BEFORE UPDATE OR DELETE ON issue_events
  FOR EACH ROW EXECUTE FUNCTION issue_events_append_only();
