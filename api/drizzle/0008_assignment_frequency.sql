ALTER TABLE "assignments" ADD COLUMN "frequency" text DEFAULT 'monthly' NOT NULL;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "every" smallint;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "rota_position" smallint;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_frequency_check" CHECK ("assignments"."frequency" in ('monthly', 'every_n', 'rota') and ("assignments"."frequency" <> 'every_n' or "assignments"."every" between 2 and 12) and ("assignments"."frequency" <> 'rota' or "assignments"."rota_position" >= 1));