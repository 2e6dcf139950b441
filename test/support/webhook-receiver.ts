import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  /** The raw body, as signed. */
  body: string;
  json: { id: string; type: string; [k: string]: unknown };
}

/** What the receiver answers to a request: a status and body, after an optional delay. */
export interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

/**
 * A real HTTP receiver (node:http) for webhook tests: records every request and answers with the
 * next scripted answer (`script`), or with `fallback` (200) once the script is used up. `answer`
 * may also decide per request. `close()` and `listen()` again on the same port simulate a receiver
 * that is down for a while.
 */
export class WebhookReceiver {
  received: Received[] = [];
  script: Answer[] = [];
  fallback: Answer = { status: 200, body: 'ok' };
  answer?: (r: Received) => Answer | undefined;
  private server: Server | undefined;
  port = 0;

  get listening() {
    return this.server !== undefined;
  }

  get url() {
    return `http://127.0.0.1:${this.port}/hooks/duhop`;
  }

  async listen(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const r: Received = { headers: req.headers, body, json: JSON.parse(body) };
        this.received.push(r);
        const a = this.answer?.(r) ?? this.script.shift() ?? this.fallback;
        const send = () => {
          if (res.destroyed) return;
          res.writeHead(a.status, { 'content-type': 'text/plain', ...a.headers });
          res.end(a.body ?? '');
        };
        if (a.delayMs) setTimeout(send, a.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  types = () => this.received.map((r) => r.json.type);
}
