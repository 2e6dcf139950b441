import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  parsed: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 for the tests: it keeps every message it accepts, parsed, and
 * can refuse messages (`reject`) or be stopped and started again on the same port.
 */
export class TestSmtp {
  readonly mails: ReceivedMail[] = [];
  /** While set, every message is refused with this SMTP reply (a 4xx: try later). */
  reject: string | null = null;
  private server: SMTPServer | null = null;
  private constructor(readonly port: number) {}

  /** A free port, nothing listening on it yet (the "refused connection" case); `start()` later. */
  static async reserve(): Promise<TestSmtp> {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    return new TestSmtp(port);
  }

  static async started(): Promise<TestSmtp> {
    const s = await TestSmtp.reserve();
    await s.start();
    return s;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.reject) {
            const err = new Error(this.reject) as Error & { responseCode: number };
            err.responseCode = 451;
            return callback(err);
          }
          simpleParser(Buffer.concat(chunks)).then(
            (parsed) => {
              this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed });
              callback();
            },
            (err: Error) => callback(err),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }
}
