import type { AssignmentInput, AssignmentRecord, SynthesisResponse } from '@duhop/shared';
import { request } from '../api.ts';
import { fetchFile, postCsv, withQuery, exportFilename } from './download.ts';

/** The monthly views' calls: typed JSON through the API client, files by plain fetch (download.ts). */

export type ExportFormat = 'xlsx' | 'docx' | 'csv';
/** A download of the synthesis: a format, or `csv-vi`, the CSV for a spreadsheet set to Vietnamese (`;`, decimal comma). */
export type ExportChoice = ExportFormat | 'csv-vi';
export type Synthesis = SynthesisResponse;

/** The entries with a value (the client would send `undefined` as the text "undefined"). */
function compact<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v)) as { [K in keyof T]?: string };
}

export interface MonthBody {
  month: string;
  bodyId?: string;
  gap?: number;
}

export const loadSynthesis = (q: MonthBody) =>
  request((c) =>
    c.api.synthesis.$get({
      query: {
        month: q.month,
        ...compact({ bodyId: q.bodyId, gap: q.gap == null ? undefined : String(q.gap) }),
      },
    }),
  );

export const loadCompliance = (q: MonthBody) =>
  request((c) =>
    c.api.compliance.$get({ query: { month: q.month, ...compact({ bodyId: q.bodyId }) } }),
  );

/** The synthesis as a file; `fallbackName` follows the server's pattern in case no name comes back. */
export function downloadSynthesis(q: MonthBody & { bodyId: string }, choice: ExportChoice) {
  const format: ExportFormat = choice === 'csv-vi' ? 'csv' : choice;
  const path = withQuery('/api/synthesis/export', {
    month: q.month,
    bodyId: q.bodyId,
    gap: q.gap,
    format,
    csvLocale: choice === 'csv-vi' ? 'vi' : undefined,
  });
  return fetchFile(path, exportFilename(q.bodyId, q.month, format));
}

/** One submitted report as DOCX for the member's records. */
export function downloadReportDocx(reportId: string, fallbackName: string) {
  return fetchFile(
    withQuery(`/api/report-exports/${encodeURIComponent(reportId)}`, { format: 'docx' }),
    fallbackName,
  );
}

export const listAssignments = (q: { bodyId?: string; month?: string }) =>
  request((c) => c.api.assignments.$get({ query: compact(q) }));
export const createAssignment = (json: AssignmentInput) =>
  request((c) => c.api.assignments.$post({ json }));
export const endAssignment = (id: string, validTo: string) =>
  request((c) => c.api.assignments[':id'].$patch({ param: { id }, json: { validTo } }));

export function downloadAssignments(q: { bodyId: string; month?: string }) {
  return fetchFile(
    withQuery('/api/assignments/export', q),
    `phan-cong-${q.bodyId}${q.month ? `-${q.month}` : ''}.csv`,
  );
}

export interface AssignmentImport {
  imported: number;
  items: AssignmentRecord[];
  dryRun?: boolean;
  valid?: number;
}

/** The CSV import: `dryRun` checks every row and stores nothing; errors come as 422 `rows.N.field`. */
export const importAssignments = (text: string, dryRun: boolean) =>
  postCsv<AssignmentImport>(
    withQuery('/api/assignments/import', { dryRun: dryRun || undefined }),
    text,
  );

/** Members an admin can assign (accounts with the observer role). Staff learn members from the assignment list. */
export const listObservers = () =>
  request((c) =>
    c.api.admin.users.$get({ query: { role: 'observer', active: 'true', limit: '500' } }),
  );

/** The year view of a body (`GET /api/year-view`) and the caller's own year (`GET /api/me/year`). */
export const loadYearView = (q: { year: number; bodyId?: string }) =>
  request((c) =>
    c.api['year-view'].$get({ query: { year: String(q.year), ...compact({ bodyId: q.bodyId }) } }),
  );
export const loadMyYear = (year: number) =>
  request((c) => c.api.me.year.$get({ query: { year: String(year) } }));

/** The year view as a file. */
export function downloadYearView(q: { year: number; bodyId: string }, choice: ExportChoice) {
  const format: ExportFormat = choice === 'csv-vi' ? 'csv' : choice;
  return fetchFile(
    withQuery('/api/year-view/export', {
      year: q.year,
      bodyId: q.bodyId,
      format,
      csvLocale: choice === 'csv-vi' ? 'vi' : undefined,
    }),
    `tong-hop-nam-${q.bodyId}-${q.year}.${format}`.replace(/[^A-Za-z0-9._-]+/g, '-'),
  );
}
