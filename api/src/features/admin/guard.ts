import { createMiddleware } from 'hono/factory';
import { validationError } from '../../lib/errors.ts';

/**
 * PostgreSQL text and jsonb cannot hold U+0000, so a NUL anywhere in the URL or the body would
 * surface as a database error (a 5xx). Refuse it up front with a 422. The body is read as bytes
 * (Hono caches them for the JSON validator and the CSV reader, whose UTF-8 check stays exact).
 */
export const rejectNul = createMiddleware(async (c, next) => {
  if (/%00/i.test(c.req.url) || c.req.path.includes('\u0000')) throw validationError({ _: ['Đường dẫn chứa ký tự không hợp lệ'] });
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    // A raw NUL byte, or the JSON escape \u0000 (a doubled backslash before it is refused too: harmless).
    if (bytes.includes(0) || /\\u0000/i.test(new TextDecoder().decode(bytes))) {
      throw validationError({ _: ['Dữ liệu chứa ký tự không hợp lệ (NUL)'] });
    }
  }
  await next();
});
