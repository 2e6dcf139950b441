CREATE TABLE "residence_assessments" (
	"member_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"rating" text NOT NULL,
	"reasons" text,
	"assessed_by" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	CONSTRAINT "residence_assessments_member_id_year_pk" PRIMARY KEY("member_id","year"),
	CONSTRAINT "residence_assessments_check" CHECK ("residence_assessments"."rating" in ('good', 'not_good') and ("residence_assessments"."rating" = 'good' or coalesce(trim("residence_assessments"."reasons"), '') <> ''))
);
--> statement-breakpoint
CREATE TABLE "residence_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cell_id" text NOT NULL,
	"full_name" text NOT NULL,
	"birth_year" smallint,
	"workplace_unit_id" text,
	"workplace_name" text,
	"introduced_on" date NOT NULL,
	"received_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"status_on" date,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "residence_members_check" CHECK ("residence_members"."status" in ('active', 'moved', 'transferred', 'left')
          and ("residence_members"."workplace_unit_id" is null) <> ("residence_members"."workplace_name" is null)
          and ("residence_members"."received_on" is null or "residence_members"."received_on" >= "residence_members"."introduced_on")
          and ("residence_members"."status" = 'active' or "residence_members"."status_on" is not null))
);
--> statement-breakpoint
ALTER TABLE "residence_assessments" ADD CONSTRAINT "residence_assessments_member_id_residence_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."residence_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_assessments" ADD CONSTRAINT "residence_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_members" ADD CONSTRAINT "residence_members_cell_id_org_units_id_fk" FOREIGN KEY ("cell_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_members" ADD CONSTRAINT "residence_members_workplace_unit_id_org_units_id_fk" FOREIGN KEY ("workplace_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_members" ADD CONSTRAINT "residence_members_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residence_members" ADD CONSTRAINT "residence_members_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "residence_members_cell_idx" ON "residence_members" USING btree ("cell_id");