import type {
  CriteriaSet,
  CriteriaSetAdoptionInput,
  CriteriaSetPatch,
  DeliveryKind,
  DeliveryStatus,
  DocumentConfig,
  OrgImportResult,
  OrgUnitCloseInput,
  OrgUnitCreateInput,
  OrgUnitMergeInput,
  OrgUnitPatchInput,
  Role,
  RoutingRule,
  RoutingTestInput,
  UserCreateInput,
  UserImportResult,
  UserPatchInput,
} from '@duhop/shared';
import { readResponse, request, REQUEST_TIMEOUT_MS, type ApiResult } from '../api.ts';
import { db } from '../db.ts';
import { flagPasswordChange } from '../auth/password-state.ts';
import { getConnection } from '../api-address.ts';
import { authExpiredItem } from '../storage.ts';

/** The administration calls (`/api/admin/*`), typed by the API's client; CSV uploads by plain fetch. */

/** The entries with a value (hc would send `undefined` as the text "undefined"). */
function compact<T extends Record<string, string | undefined>>(
  o: T,
): { [K in keyof T]?: Exclude<T[K], '' | undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v)) as {
    [K in keyof T]?: Exclude<T[K], '' | undefined>;
  };
}

export interface UserFilter {
  q?: string;
  role?: Role | '';
  active?: 'true' | 'false' | '';
  cursor?: string;
}

export function listUsers(f: UserFilter) {
  const query = compact({
    q: f.q?.trim(),
    role: f.role,
    active: f.active,
    cursor: f.cursor,
    limit: '50',
  });
  return request((c) => c.api.admin.users.$get({ query }));
}
export const createUser = (json: UserCreateInput) =>
  request((c) => c.api.admin.users.$post({ json }));
export const patchUser = (id: string, json: UserPatchInput) =>
  request((c) => c.api.admin.users[':id'].$patch({ param: { id }, json }));
export const resetPassword = (id: string, temporaryPassword: string) =>
  request((c) =>
    c.api.admin.users[':id']['reset-password'].$post({
      param: { id },
      json: { temporaryPassword },
    }),
  );

const province = (provinceId?: string) => (provinceId ? { provinceId } : {});
export const listUnits = (provinceId?: string) =>
  request((c) => c.api.admin['org-units'].$get({ query: province(provinceId) }));
export const createUnit = (json: OrgUnitCreateInput) =>
  request((c) => c.api.admin['org-units'].$post({ json }));
export const patchUnit = (id: string, json: OrgUnitPatchInput) =>
  request((c) => c.api.admin['org-units'][':id'].$patch({ param: { id }, json }));
export const closeUnit = (id: string, json: OrgUnitCloseInput) =>
  request((c) => c.api.admin['org-units'][':id'].close.$post({ param: { id }, json }));
export const mergeUnits = (json: OrgUnitMergeInput) =>
  request((c) => c.api.admin['org-units'].merge.$post({ json }));
/** How a body numbers and signs its documents (what is stored, and what documents use). */
export const getDocumentConfig = (id: string) =>
  request((c) => c.api.admin['org-units'][':id']['document-config'].$get({ param: { id } }));
export const putDocumentConfig = (id: string, json: DocumentConfig) =>
  request((c) => c.api.admin['org-units'][':id']['document-config'].$put({ param: { id }, json }));

/**
 * After a change to the graph, the copy of `GET /api/org-units` the other screens keep (the side
 * panel's reference data, the triage screens' names) is refreshed at once, not within the hour.
 */
export async function refreshOrgCache(): Promise<void> {
  const res = await request((c) => c.api['org-units'].$get());
  if (res.ok) await db.cache.put({ key: 'orgUnits', value: res.data.items, fetchedAt: Date.now() });
}

export const listRules = (provinceId?: string) =>
  request((c) => c.api.admin['routing-rules'].$get({ query: province(provinceId) }));
export const saveRules = (rules: RoutingRule[], provinceId?: string) =>
  request((c) => c.api.admin['routing-rules'].$put({ json: { rules, ...province(provinceId) } }));
export const testRules = (json: RoutingTestInput) =>
  request((c) => c.api.admin['routing-rules'].test.$post({ json }));

export const listCriteria = () => request((c) => c.api.admin['criteria-sets'].$get());
export const getCriteriaSet = (id: string) =>
  request((c) => c.api['criteria-sets'][':id'].$get({ param: { id } }));
export const createCriteria = (json: CriteriaSet) =>
  request((c) => c.api.admin['criteria-sets'].$post({ json }));
export const adoptCriteria = (id: string, json: CriteriaSetAdoptionInput) =>
  request((c) => c.api.admin['criteria-sets'][':id'].adopt.$post({ param: { id }, json }));
export const patchCriteria = (id: string, json: CriteriaSetPatch) =>
  request((c) => c.api.admin['criteria-sets'][':id'].$patch({ param: { id }, json }));

export const listAudit = (cursor?: string, entity?: string) =>
  request((c) => c.api.admin.audit.$get({ query: compact({ cursor, entity, limit: '50' }) }));

export const listDeliveries = (
  cursor?: string,
  kind?: DeliveryKind | '',
  status?: DeliveryStatus | '',
) =>
  request((c) =>
    c.api.admin.deliveries.$get({
      query: {
        ...compact({ cursor, limit: '50' }),
        ...(kind ? { kind } : {}),
        ...(status ? { status } : {}),
      },
    }),
  );

export const retryDelivery = (id: string) =>
  request((c) => c.api.admin.deliveries[':id'].retry.$post({ param: { id } }));

export type CsvImportKind = 'users' | 'org-units';
export type CsvImportResult<K extends CsvImportKind> = K extends 'users'
  ? UserImportResult
  : OrgImportResult;

/**
 * Uploads a CSV import as `text/csv` (the typed client sends JSON only) with the signed-in user's
 * token; `dryRun` returns the preview and the row errors and stores nothing.
 */
export async function postCsv<K extends CsvImportKind>(
  kind: K,
  text: string,
  dryRun: boolean,
): Promise<ApiResult<CsvImportResult<K>>> {
  const { base, session } = await getConnection();
  let res: Response;
  try {
    res = await fetch(`${base}/api/admin/${kind}/import${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
      },
      body: text,
      // Hashing the passwords of a few hundred accounts takes a while.
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS * 3),
    });
  } catch (err) {
    const name = (err as { name?: string } | null)?.name;
    return {
      ok: false,
      status: null,
      code: name === 'TimeoutError' || name === 'AbortError' ? 'TIMEOUT' : 'NETWORK_ERROR',
      message: String(err),
    };
  }
  const out = await readResponse<CsvImportResult<K>>(res);
  if (!out.ok && out.status === 401) await authExpiredItem.setValue(true);
  if (!out.ok && out.code === 'PASSWORD_CHANGE_REQUIRED') await flagPasswordChange();
  return out;
}
