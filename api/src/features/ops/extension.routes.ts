import { ErrorBody } from '@duhop/shared';
import { Hono, type Context } from 'hono';
import { describeRoute, resolver, type DescribeRouteOptions } from 'hono-openapi';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppEnv } from '../../context.ts';
import { notFoundErrors } from '../../lib/errors.ts';

/**
 * The self-hosted extension (`EXTENSION_DIR`, written by `npm run package`): the update manifest
 * and the signed CRX that Chrome, Edge and Cốc Cốc fetch when a policy force-installs the
 * extension (`ExtensionInstallForcelist`: docs/extension-distribution.md). No sign-in: browsers
 * fetch them on their own.
 */

export const UPDATE_XML = 'update.xml';
export const CRX_FILE = 'duhop.crx';
export const EXTENSION_ID_FILE = 'extension-id.txt';

function fileDoc(summary: string, contentType: string): DescribeRouteOptions {
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: resolver(ErrorBody) } },
  });
  return {
    summary,
    tags: ['extension'],
    security: [],
    responses: {
      200: {
        description: 'The file',
        content: {
          [contentType]: {
            schema: contentType.includes('xml')
              ? { type: 'string' }
              : { type: 'string', format: 'binary' },
          },
        },
      },
      404: error(
        '`EXTENSION_DIR` is not set on this server, or `npm run package` has not written the file there',
      ),
    },
  } as DescribeRouteOptions;
}

async function sendFile(c: Context<AppEnv>, name: string, contentType: string) {
  const dir = c.var.deps.config.extensionDir;
  if (!dir) throw notFoundErrors.extensionNotHosted();
  let body: Buffer;
  try {
    body = await readFile(join(dir, name));
  } catch {
    throw notFoundErrors.extensionFile(name);
  }
  // The same names carry every new version: browsers must revalidate, never keep a stale copy.
  return c.body(new Uint8Array(body), 200, {
    'Content-Type': contentType,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
}

export const extensionRoutes = new Hono<AppEnv>()
  .get(
    '/update.xml',
    describeRoute(
      fileDoc(
        'Update manifest of the self-hosted extension (for ExtensionInstallForcelist)',
        'application/xml',
      ),
    ),
    (c) => sendFile(c, UPDATE_XML, 'application/xml; charset=utf-8'),
  )
  .get(
    '/duhop.crx',
    describeRoute(fileDoc('The signed extension package (CRX3)', 'application/x-chrome-extension')),
    (c) => sendFile(c, CRX_FILE, 'application/x-chrome-extension'),
  );
