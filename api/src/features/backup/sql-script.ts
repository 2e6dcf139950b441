/**
 * Splits a plain SQL dump (pg_dump's text format with `--inserts`) into statements, so that it can
 * be replayed through a driver in batches instead of one giant string. It knows enough of
 * PostgreSQL's lexical rules to find the statement ends: single-quoted strings (`''` inside,
 * `E'…'` with backslash escapes), double-quoted identifiers, dollar-quoted bodies (`$tag$…$tag$`),
 * `--` and `/* … *\/` comments. psql meta-commands on a line of their own (pg_dump ≥ 15.14 writes
 * `\restrict KEY` / `\unrestrict KEY`) are dropped: they are not SQL.
 */
export function* splitSqlScript(text: string): Generator<string> {
  let start = 0;
  let i = 0;
  const n = text.length;
  let lineStart = true;
  /** Whether the current statement has begun (anything but blanks and comments since the last end). */
  let begun = false;
  while (i < n) {
    const ch = text[i]!;
    if (
      !begun &&
      ch !== ' ' &&
      ch !== '\t' &&
      ch !== '\r' &&
      ch !== '\n' &&
      !(ch === '-' && text[i + 1] === '-') &&
      !(ch === '/' && text[i + 1] === '*') &&
      ch !== '\\'
    )
      begun = true;
    if (lineStart && ch === '\\' && !begun) {
      // A psql meta-command outside any statement: skip the whole line.
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
      start = i;
      lineStart = true;
      continue;
    }
    lineStart = false;
    if (ch === '\n') {
      lineStart = true;
      i++;
    } else if (ch === "'") {
      const escapes =
        i > 0 && (text[i - 1] === 'E' || text[i - 1] === 'e') && !/[\w$]/.test(text[i - 2] ?? ' ');
      i++;
      while (i < n) {
        const c = text[i]!;
        if (escapes && c === '\\') i += 2;
        else if (c === "'") {
          if (text[i + 1] === "'") i += 2;
          else break;
        } else i++;
      }
      i++;
    } else if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      i = end < 0 ? n : end + 1;
    } else if (ch === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (ch === '$' && !/[\w$]/.test(text[i - 1] ?? ' ')) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (m) {
        const end = text.indexOf(m[0], i + m[0].length);
        i = end < 0 ? n : end + m[0].length;
      } else i++;
    } else if (ch === ';') {
      i++;
      const stmt = text.slice(start, i).trim();
      if (stmt && stmt !== ';') yield stmt;
      start = i;
      begun = false;
    } else i++;
  }
  const rest = text.slice(start).trim();
  if (rest && !isOnlyComments(rest)) yield rest;
}

function isOnlyComments(s: string): boolean {
  return s.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('--'));
}

/**
 * Settings a newer pg_dump writes that an older server rejects (a PGlite 0.5 dump comes from
 * PostgreSQL 17; Debian 12's server is 15). Dropping them changes nothing in the restored data.
 */
const UNKNOWN_ON_OLDER = /^SET transaction_timeout = /;

/** Groups statements into batches of about `maxChars`, leaving out the version-specific settings. */
export function* sqlBatches(text: string, maxChars = 1 << 20): Generator<string> {
  let batch: string[] = [];
  let size = 0;
  for (const stmt of splitSqlScript(text)) {
    const body = stmt.replace(/^(--[^\n]*\n|\s)+/, '');
    if (UNKNOWN_ON_OLDER.test(body)) continue;
    batch.push(stmt);
    size += stmt.length;
    if (size >= maxChars) {
      yield batch.join('\n');
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield batch.join('\n');
}
