ALTER TABLE "users" ADD COLUMN "roles" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
-- custom: i14-roles
-- Every account holds its primary role among its roles: existing accounts get [role], and the
-- database keeps role first in roles whatever writes the row (CLI, restore, raw SQL).
UPDATE "users" SET "roles" = ARRAY["role"] WHERE NOT ("role" = ANY("roles"));--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_roles_include_role() RETURNS trigger AS $$
BEGIN
  NEW.roles := array_prepend(NEW.role, array_remove(NEW.roles, NEW.role));
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER users_roles_include_role BEFORE INSERT OR UPDATE OF role, roles ON users
  FOR EACH ROW EXECUTE FUNCTION users_roles_include_role();
