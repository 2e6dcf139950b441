import { createMiddleware } from 'hono/factory';
import { validationError } from './errors.ts';

/** A JSON `\uD800`–`\uDBFF` escape not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE =
  /\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}/;

const decoder = new TextDecoder();

/**
 * Text PostgreSQL cannot store: U+0000 anywhere (text and jsonb refuse it) and, in JSON bodies, a
 * lone surrogate escape (jsonb refuses `"\ud800"`). Either used to surface as a database error, a
 * 500; both are refused here with a 422 on every route (the one guard: app.ts runs it on
 * `/api/*` before any route). The body is read as bytes, which Hono caches for the CSV readers
 * behind; its text, decoded here anyway, is cached too, so that the JSON validator parses it
 * without building a Response to decode the bytes again. (A doubled backslash before such an
 * escape is refused too: harmless.)
 */
export const rejectUnstorableText = createMiddleware(async (c, next) => {
  if (/%00/i.test(c.req.url) || c.req.path.includes('\u0000'))
    throw validationError({ _: ['Đường dẫn chứa ký tự không hợp lệ'] });
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.includes(0)) throw validationError({ _: ['Dữ liệu chứa ký tự không hợp lệ (NUL)'] });
    const text = decoder.decode(bytes);
    if (/\\u0000/i.test(text))
      throw validationError({ _: ['Dữ liệu chứa ký tự không hợp lệ (NUL)'] });
    if (LONE_SURROGATE.test(text))
      throw validationError({ _: ['Dữ liệu chứa ký tự Unicode không hợp lệ'] });
    // Hono keeps promises there (its type says the values).
    (c.req.bodyCache as { text?: Promise<string> }).text ??= Promise.resolve(text);
  }
  await next();
});
