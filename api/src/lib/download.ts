/**
 * The headers of every file download (exports, backup, assignment CSV): its type, its name as an
 * attachment, never cached; its length when the route knows it.
 */
export function downloadHeaders(
  contentType: string,
  filename: string,
  length?: number,
): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Disposition': `attachment; filename="${filename}"`,
    ...(length === undefined ? {} : { 'Content-Length': String(length) }),
    'Cache-Control': 'no-store',
  };
}
