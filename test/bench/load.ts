import autocannon, { type Request } from 'autocannon';

export interface LoadResult {
  connections: number;
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Upper bounds: whichever comes first ends the run. */
  seconds: number;
  maxRequests: number;
  /** One request template; `next()` builds each request (fresh ids, rotating targets). */
  next: () => {
    method: 'GET' | 'POST';
    path: string;
    headers?: Record<string, string>;
    body?: string;
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
    : NaN;

/**
 * Runs autocannon against 127.0.0.1 with a bound on both time and count and keeps every response
 * time, so that p50/p95/p99 are exact (autocannon's own histogram reports p97.5, not p95).
 */
export async function load(opts: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(opts.url))
    throw new Error(`benchmark traffic stays on loopback, not ${opts.url}`);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const request: Request = {
    setupRequest: (req) => {
      const r = opts.next();
      return {
        ...req,
        method: r.method,
        path: r.path,
        headers: { ...r.headers },
        body: r.body ?? '',
      };
    },
  };
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.seconds,
    maxOverallRequests: Math.max(opts.maxRequests, opts.connections),
    timeout: 30,
    requests: [request],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const t0 = performance.now();
  const result = await instance;
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const ok = Object.entries(statuses).reduce((n, [s, c]) => (s.startsWith('2') ? n + c : n), 0);
  return {
    connections: opts.connections,
    requests: latencies.length,
    seconds,
    rps: ok / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: latencies.length - ok + result.errors + result.timeouts,
    statuses,
  };
}
