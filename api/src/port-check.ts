import { createServer } from 'node:net';

/** One line for a port the server cannot listen on, or undefined for any other error. */
export function listenErrorLine(
  err: NodeJS.ErrnoException,
  port: number,
  host: string,
): string | undefined {
  if (err.code === 'EADDRINUSE')
    return `PORT ${port} on ${host} is already in use by another program (another duhop?): stop it or set PORT to a free port`;
  if (err.code === 'EACCES')
    return `PORT ${port} on ${host} needs privileges this user lacks: use a port above 1023 behind a reverse proxy (docs/deploy.md)`;
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
    return `HOST ${host} is not an address of this machine`;
  return undefined;
}

/**
 * Binds and releases PORT/HOST at once, before anything heavy is loaded: a port in use is reported
 * in a fraction of a second. The server binds again for real (server.ts), and reports the same
 * line should another program take the port in between.
 */
export function probePort(port: number, host: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', (err: NodeJS.ErrnoException) => resolve(listenErrorLine(err, port, host)));
    s.listen(port, host, () => s.close(() => resolve(undefined)));
  });
}
