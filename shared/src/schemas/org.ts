import { z } from 'zod';
import { CellType, IsoDate, OrgUnitKind, Slug } from './common.ts';

export const OrgUnit = z.object({
  id: Slug,
  name: z.string(),
  kind: OrgUnitKind,
  parentId: Slug.nullable(),
  validFrom: IsoDate,
  validTo: IsoDate.nullable(),
  successorId: Slug.nullable().optional(),
  cellType: CellType.nullable().optional(),
  meetingDay: z.number().int().nullable().optional(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const OrgUnitList = z.object({ items: z.array(OrgUnit) });
