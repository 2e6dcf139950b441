import { readResponse, type ApiFailure, type ApiResult } from '../api.ts';
import { getConnection } from '../api-address.ts';
import { authExpiredItem } from '../storage.ts';

/**
 * Files to and from the API (exports, CSV import) by plain fetch with the session's token: the
 * typed client reads JSON, these bodies are bytes. A province's export can take a while to
 * build, hence a longer timeout than the JSON calls.
 */
export const FILE_TIMEOUT_MS = 120_000;

export type FileResult = { ok: true; blob: Blob; filename: string } | ApiFailure;

type Query = Record<string, string | number | boolean | undefined | null>;

/** `path?query` with the empty entries left out. */
export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * The file name of a `Content-Disposition` header: the UTF-8 `filename*` when present, else
 * `filename`; any directory part removed. Null when the header names none.
 */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  let name: string | null = null;
  const star = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (star) {
    const raw = star[1]!.trim().replace(/^"|"$/g, '');
    const m = /^[\w-]+'[^']*'(.*)$/.exec(raw);
    try {
      name = decodeURIComponent(m ? m[1]! : raw);
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
    if (plain) name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]!.trim();
  }
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : null;
}

/** What a synthesis export is called when the server names none (the server's own pattern). */
export function exportFilename(bodyId: string, month: string, format: string): string {
  return `bao-cao-tong-hop-${bodyId}-${month}.${format}`.replace(/[^A-Za-z0-9._-]+/g, '-');
}

async function authorised(
  path: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response | ApiFailure> {
  const { base, session } = await getConnection();
  const headers = new Headers(init.headers);
  if (session) headers.set('Authorization', `Bearer ${session.token}`);
  try {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status === 401) await authExpiredItem.setValue(true);
    return res;
  } catch (err) {
    const name = (err as { name?: string } | null)?.name;
    const timeout = name === 'TimeoutError' || name === 'AbortError';
    return {
      ok: false,
      status: null,
      code: timeout ? 'TIMEOUT' : 'NETWORK_ERROR',
      message: String(err),
    };
  }
}

/** Downloads a file from the API: its bytes and its name (from `Content-Disposition`, else `fallbackName`). */
export async function fetchFile(
  path: string,
  fallbackName: string,
  timeoutMs = FILE_TIMEOUT_MS,
): Promise<FileResult> {
  const res = await authorised(path, { method: 'GET' }, timeoutMs);
  if (!(res instanceof Response)) return res;
  if (!res.ok) return (await readResponse(res)) as ApiFailure;
  try {
    const blob = await res.blob();
    return {
      ok: true,
      blob,
      filename: filenameFromDisposition(res.headers.get('Content-Disposition')) ?? fallbackName,
    };
  } catch (err) {
    return { ok: false, status: null, code: 'NETWORK_ERROR', message: String(err) };
  }
}

/** Sends a CSV text (UTF-8) and reads the JSON answer. */
export async function postCsv<T>(
  path: string,
  text: string,
  timeoutMs = FILE_TIMEOUT_MS,
): Promise<ApiResult<T>> {
  const res = await authorised(
    path,
    { method: 'POST', headers: { 'Content-Type': 'text/csv; charset=utf-8' }, body: text },
    timeoutMs,
  );
  if (!(res instanceof Response)) return res;
  return readResponse<T>(res);
}

/** Hands a blob to the browser as a download named `filename` (an object URL and `<a download>`). */
export function saveBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download reads the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
