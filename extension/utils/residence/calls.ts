import type {
  ResidenceAssessmentInput,
  ResidenceMemberInput,
  ResidenceMemberPatch,
  ResidenceRating,
  ResidenceStatus,
} from '@duhop/shared';
import { request } from '../api.ts';
import { fetchFile, postCsv, withQuery } from '../synthesis/download.ts';

/** The residence register's calls (GET/POST/PATCH /api/residence/…): JSON typed, files by fetch. */

const str = (v: string | number | boolean | undefined) =>
  v === undefined || v === '' || v === false ? undefined : String(v);

export const listResidence = (q: {
  bodyId?: string;
  cellId?: string;
  year: number;
  status?: ResidenceStatus;
  unassessed?: boolean;
}) =>
  request((c) =>
    c.api.residence.members.$get({
      query: Object.fromEntries(
        Object.entries({
          bodyId: str(q.bodyId),
          cellId: str(q.cellId),
          year: str(q.year),
          status: str(q.status),
          unassessed: q.unassessed ? 'true' : undefined,
        }).filter(([, v]) => v !== undefined),
      ) as Record<string, string>,
    }),
  );

export const createResidenceMember = (json: ResidenceMemberInput) =>
  request((c) => c.api.residence.members.$post({ json }));

export const updateResidenceMember = (id: string, json: ResidenceMemberPatch) =>
  request((c) => c.api.residence.members[':id'].$patch({ param: { id }, json }));

export const recordAssessment = (id: string, json: ResidenceAssessmentInput) =>
  request((c) => c.api.residence.members[':id'].assessments.$post({ param: { id }, json }));

export const correctAssessment = (
  id: string,
  year: number,
  json: { rating: ResidenceRating; reasons?: string | null },
) =>
  request((c) =>
    c.api.residence.members[':id'].assessments[':year'].$patch({
      param: { id, year: String(year) },
      json,
    }),
  );

export const listWorkplaces = (q: { bodyId: string; year: number }) =>
  request((c) =>
    c.api.residence.workplaces.$get({ query: { bodyId: q.bodyId, year: String(q.year) } }),
  );

/** The CSV import: `dryRun` checks every row and stores nothing; errors come as 422 `rows.N.field`. */
export const importResidence = (text: string, dryRun: boolean) =>
  postCsv<{ imported: number; valid?: number }>(
    withQuery('/api/residence/members/import', { dryRun: dryRun || undefined }),
    text,
  );

/** The register with the year's assessments (XLSX or CSV). */
export const downloadRegister = (q: { bodyId: string; year: number; format: 'xlsx' | 'csv' }) =>
  fetchFile(
    withQuery('/api/residence/export', q),
    `dang-vien-76-${q.bodyId}-${q.year}.${q.format}`.replace(/[^A-Za-z0-9._-]+/g, '-'),
  );

/** The DOCX letter to one workplace organisation. */
export const downloadLetter = (q: { bodyId: string; year: number; workplace: string }) =>
  fetchFile(withQuery('/api/residence/letter', q), `nhan-xet-dang-vien-76-${q.year}.docx`);
