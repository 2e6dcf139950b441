CREATE TABLE "reference_version" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "reference_version_one_row" CHECK ("reference_version"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "reference_version" ("id", "version") VALUES (1, 0);--> statement-breakpoint
-- Every statement that writes the reference data a submission is checked against (the org graph
-- and province settings, routing rules, criteria sets, holidays) bumps the version in its own
-- transaction, whatever wrote it (admin routes, imports, the CLI): each API process compares it
-- with the version of its cache on every submission (features/reports/reference-cache.ts).
CREATE OR REPLACE FUNCTION bump_reference_version() RETURNS trigger AS $$
BEGIN
  UPDATE reference_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER org_units_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_units
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();--> statement-breakpoint
CREATE TRIGGER routing_rules_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rules
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();--> statement-breakpoint
CREATE TRIGGER criteria_sets_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON criteria_sets
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();--> statement-breakpoint
CREATE TRIGGER holidays_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON holidays
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
