ALTER TABLE "reports" ADD COLUMN "not_applicable" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
-- custom: i15-na
-- Installations seeded before this change keep their stored HD 42 definition: it learns which items
-- may be marked "Không áp dụng" by hand (g3.3, g6.1, with a reason), as shared/src/data says. No
-- stored report marks any item, so no stored score changes.
UPDATE "criteria_sets" SET "definition" = jsonb_set(jsonb_set(
    "definition" || '{"reasonWhenNotApplicable":true}'::jsonb,
    '{groups,2,items,2,allowNotApplicable}', 'true'::jsonb),
    '{groups,5,items,0,allowNotApplicable}', 'true'::jsonb)
  WHERE "id" = 'hd42-2025'
    AND "definition" #>> '{groups,2,items,2,id}' = 'g3.3'
    AND "definition" #>> '{groups,5,items,0,id}' = 'g6.1';
