CREATE TABLE "document_configs" (
	"org_unit_id" text PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_numbers" (
	"body_id" text NOT NULL,
	"year" smallint NOT NULL,
	"last_no" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "document_numbers_body_id_year_pk" PRIMARY KEY("body_id","year")
);
--> statement-breakpoint
ALTER TABLE "document_configs" ADD CONSTRAINT "document_configs_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_numbers" ADD CONSTRAINT "document_numbers_body_id_org_units_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;