CREATE TABLE "criteria_set_adoptions" (
	"province_id" text NOT NULL,
	"criteria_set_id" text NOT NULL,
	"adopted_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "criteria_set_adoptions_province_id_criteria_set_id_pk" PRIMARY KEY("province_id","criteria_set_id")
);
--> statement-breakpoint
ALTER TABLE "criteria_sets" ADD COLUMN "scope" text DEFAULT 'national' NOT NULL;--> statement-breakpoint
ALTER TABLE "criteria_set_adoptions" ADD CONSTRAINT "criteria_set_adoptions_province_id_org_units_id_fk" FOREIGN KEY ("province_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criteria_set_adoptions" ADD CONSTRAINT "criteria_set_adoptions_criteria_set_id_criteria_sets_id_fk" FOREIGN KEY ("criteria_set_id") REFERENCES "public"."criteria_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- custom: i14-criteria
-- Sets a province imported are that province's; the others stay national, but for the Nghệ An
-- 08-QĐ/TU set: a template from its issue date (15/09/2021, not 01/01/2021), whose detailed items
-- are a reconstruction (official: false), adopted by the provinces that scored reports with it.
UPDATE "criteria_sets" SET "scope" = 'province' WHERE "province_id" IS NOT NULL;--> statement-breakpoint
UPDATE "criteria_sets" SET "definition" = "definition" || '{"scope":"national","official":true}'::jsonb
  WHERE "id" = 'hd42-2025';--> statement-breakpoint
UPDATE "criteria_sets" SET "scope" = 'template', "valid_from" = '2021-09-15',
  "definition" = "definition" || jsonb_build_object(
    'scope', 'template', 'official', false, 'validFrom', '2021-09-15',
    'source', 'Quy định số 08-QĐ/TU ngày 15/09/2021 của Ban Thường vụ Tỉnh ủy Nghệ An (nhóm tiêu chí, thang điểm nhóm và mức xếp loại theo quy định; tiêu chí chi tiết và thang điểm từng tiêu chí là diễn giải tạm tính, cần đối chiếu văn bản gốc)')
  WHERE "id" = 'nghe-an-08-2021';--> statement-breakpoint
INSERT INTO "criteria_set_adoptions" ("province_id", "criteria_set_id", "adopted_on")
  SELECT DISTINCT coalesce(o."province_id", o."id"), 'nghe-an-08-2021', date '2021-09-15'
    FROM "reports" r JOIN "org_units" o ON o."id" = r."cell_id" WHERE r."criteria_set_id" = 'nghe-an-08-2021'
  UNION
  SELECT "id", 'nghe-an-08-2021', date '2021-09-15' FROM "org_units"
    WHERE "id" = 'na-tu' AND "parent_id" IS NULL
      AND EXISTS (SELECT 1 FROM "criteria_sets" WHERE "id" = 'nghe-an-08-2021')
  ON CONFLICT DO NOTHING;--> statement-breakpoint
ALTER TABLE "criteria_sets" ADD CONSTRAINT "criteria_sets_scope_province" CHECK (
  "scope" IN ('national', 'province', 'template') AND ("scope" = 'province') = ("province_id" IS NOT NULL));--> statement-breakpoint
CREATE TRIGGER criteria_set_adoptions_reference_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON criteria_set_adoptions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_version();
