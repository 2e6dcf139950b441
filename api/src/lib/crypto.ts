import { hash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { ScryptN } from '../env.ts';

const scrypt = promisify(scryptCb) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's Password Storage Cheat Sheet (2025): scrypt with N=2^17, r=8, p=1. */
export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

/**
 * The parameters new hashes are made with: OWASP's, unless `SCRYPT_N` says otherwise. That one
 * environment variable is the only way to change them (the test suites set a cheaper N there, see
 * docs/security.md); every hash stores its own parameters, so older hashes keep verifying and are
 * redone at the next sign-in (`needsRehash`).
 */
export function currentScryptParams(): ScryptParams {
  const raw = process.env.SCRYPT_N;
  return { ...OWASP_SCRYPT, N: ScryptN.parse(raw === '' ? undefined : raw) };
}

/** scrypt needs 128·N·r bytes; Node refuses above `maxmem` (32 MiB by default, too little for N=2^17). */
const maxmemFor = ({ N, r }: ScryptParams) => 2 * 128 * N * r;

/** `scrypt$N$r$p$salt$hash`, all parameters stored so they can be raised later. */
export async function hashPassword(
  password: string,
  params: ScryptParams = currentScryptParams(),
): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, 32, {
    ...params,
    maxmem: maxmemFor(params),
  });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

function parseHash(stored: string): (ScryptParams & { salt: string; hash: string }) | null {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (![params.N, params.r, params.p].every((v) => Number.isInteger(v) && v > 0)) return null;
  return { ...params, salt, hash };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const expected = Buffer.from(parsed.hash, 'base64url');
  const actual = await scrypt(
    password.normalize('NFC'),
    Buffer.from(parsed.salt, 'base64url'),
    expected.length,
    {
      N: parsed.N,
      r: parsed.r,
      p: parsed.p,
      maxmem: maxmemFor(parsed),
    },
  );
  return timingSafeEqual(actual, expected);
}

/** True when `stored` was made with a lower cost than today's (redo it after a good sign-in). */
export function needsRehash(stored: string, params: ScryptParams = currentScryptParams()): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.N < params.N || parsed.r !== params.r || parsed.p !== params.p;
}

export const newToken = () => randomBytes(32).toString('base64url');
/** Hex SHA-256 of a string's UTF-8 bytes (one-shot `crypto.hash`: no Hash object per call). */
export const sha256 = (s: string) => hash('sha256', s, 'hex');

/**
 * JSON with keys sorted at every depth: the same content always hashes the same. Stored reports
 * keep this hash, so the output must never change: keys in UTF-16 code unit order (the default
 * sort), `undefined` members left out, `undefined` in arrays written as null. Built by
 * concatenation (it runs on every submission).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}
