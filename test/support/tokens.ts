import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../api/src/db/client.ts';
import { sha256 } from '../../api/src/lib/crypto.ts';

/**
 * A bearer token for a demo user, written straight into `sessions` as login would write it
 * (hashed), without paying for scrypt or touching the login throttle.
 */
export async function tokenFor(
  database: Database,
  username: string,
  expiresAt = new Date('2099-01-01T00:00:00Z'),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  // last_used_at at its end: such a session never idles out (tests move the clock by months with it).
  await database.db.execute(sql`insert into sessions (token_hash, user_id, created_at, expires_at, last_used_at)
    select ${sha256(token)}, id, now(), ${expiresAt.toISOString()}::timestamptz, ${expiresAt.toISOString()}::timestamptz
      from users where lower(username) = lower(${username})`);
  return token;
}
