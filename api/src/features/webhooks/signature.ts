import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseSignatureHeader } from '@duhop/shared';

/** A new endpoint secret: `whsec_` and 32 random bytes in hex. */
export const generateSecret = () => `whsec_${randomBytes(32).toString('hex')}`;

/** Hex HMAC-SHA256 of `<t>.<body>` with the endpoint's secret. */
export const signatureOf = (secret: string, t: number, body: string) =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

/** The `X-Duhop-Signature` header: `t=<unix seconds>,v1=<hex HMAC>`. */
export const signatureHeader = (secret: string, t: number, body: string) =>
  `t=${t},v1=${signatureOf(secret, t, body)}`;

/**
 * What a receiver does (docs/webhooks.md has the same in a standalone snippet): the header parses,
 * its time is within `toleranceSeconds` of now (a replayed old request is refused), and one `v1`
 * equals the HMAC of the raw body, compared in constant time.
 */
export function verifySignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const parsed = parseSignatureHeader(header);
  if (!parsed || Math.abs(nowSeconds - parsed.t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, parsed.t, body), 'hex');
  return parsed.v1.some((v) => timingSafeEqual(Buffer.from(v, 'hex'), expected));
}
