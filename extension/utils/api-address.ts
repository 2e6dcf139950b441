import { storage } from 'wxt/utils/storage';
import { call, makeClient } from './api.ts';
import {
  apiBaseItem,
  authExpiredItem,
  managedApiUrlItem,
  sessionItem,
  type Session,
} from './storage.ts';

/**
 * The API address: which ones are accepted, which one is in force (the organisation's policy
 * first), and the rule that a token only ever goes back to the origin that issued it.
 */

export type AddressCheck =
  | { ok: true; origin: string }
  | { ok: false; reason: 'invalid' | 'insecure' };

/** This computer: the only hosts plain `http://` is accepted for (a demo or a local test server). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Checks a typed or policy-given API address: an `https://` origin, or `http://` on this computer.
 * Anything else is refused, since the password and the token would cross the network in clear.
 */
export function checkApiAddress(input: string): AddressCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'invalid' };
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  )
    return { ok: false, reason: 'invalid' };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    return { ok: false, reason: 'insecure' };
  return { ok: true, origin: url.origin };
}

/** The organisation's address when a policy sets a valid one, else null. */
export async function getManagedApiBase(): Promise<string | null> {
  let value: unknown;
  try {
    value = await managedApiUrlItem.getValue();
  } catch {
    return null; // browsers without managed storage
  }
  if (typeof value !== 'string' || !value.trim()) return null;
  const checked = checkApiAddress(value);
  return checked.ok ? checked.origin : null;
}

/**
 * Whether this browser has a server address beyond the demo's built-in one: set by the
 * organisation, saved by the user, or given to the build (`npm run package`). False on a first run
 * of an unpackaged build, where the sign-in screen asks for the address first.
 */
export async function isApiBaseChosen(): Promise<boolean> {
  if (import.meta.env.DUHOP_API_URL || (await getManagedApiBase())) return true;
  return (await storage.getItem<string>('local:apiBase')) !== null;
}

/** The address in force: set by the organisation, else chosen on the options page, else built in. */
export async function getApiBase(): Promise<string> {
  return (await getManagedApiBase()) ?? (await apiBaseItem.getValue());
}

/** The origin a session's token belongs to (sessions kept before this field: the saved address). */
async function sessionOrigin(session: Session): Promise<string> {
  return session.apiBase ?? (await apiBaseItem.getValue());
}

/**
 * The address in force and the session that may be used with it. A session issued by another
 * address (the user or a policy changed it) is signed out here: revoked at its own origin, best
 * effort, and forgotten. Its token is never sent to the new address.
 */
export async function getConnection(): Promise<{ base: string; session: Session | null }> {
  const [base, session] = await Promise.all([getApiBase(), sessionItem.getValue()]);
  if (!session) return { base, session: null };
  const origin = await sessionOrigin(session);
  if (origin === base) return { base, session };
  await dropSession(session, origin);
  return { base, session: null };
}

async function dropSession(session: Session, origin: string): Promise<void> {
  // Only forget the session that was read (a sign-in in between keeps its own).
  const current = await sessionItem.getValue();
  if (current?.token === session.token) {
    await sessionItem.setValue(null);
    await authExpiredItem.setValue(false);
  }
  void call(() => makeClient(origin, session.token, 5_000).api.auth.logout.$post());
}

/**
 * Saves the address chosen on the options page. A different address signs the user out first
 * (the token is revoked at the old address and never sent to the new one). Returns whether a
 * session was ended; refuses when the organisation sets the address.
 */
export async function changeApiBase(
  origin: string,
): Promise<{ signedOut: boolean; managed: boolean }> {
  if (await getManagedApiBase()) return { signedOut: false, managed: true };
  const session = await sessionItem.getValue();
  const previous = session ? await sessionOrigin(session) : null;
  await apiBaseItem.setValue(origin);
  if (session && previous !== origin) {
    await dropSession(session, previous!);
    return { signedOut: true, managed: false };
  }
  return { signedOut: false, managed: false };
}
