/**
 * Prometheus text exposition (version 0.0.4), written by hand: request counts by route and status,
 * latency histograms by route, submissions, escalations, requests in flight and the database pool.
 */

/** Upper bounds of the latency buckets, in seconds. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Record<string, string>) =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${esc(v)}"`)
    .join(',')}}`;

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly started = Date.now();
  submissions = 0;
  escalations = 0;
  dbFaults = new Map<string, number>();
  inFlight = 0;

  /** One finished request; `route` is the route pattern (never the raw URL, to bound the series). */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const key = JSON.stringify([method, route, String(status)]);
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hkey = JSON.stringify([method, route]);
    let h = this.latency.get(hkey);
    if (!h)
      this.latency.set(hkey, (h = { counts: LATENCY_BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < LATENCY_BUCKETS.length; i++)
      if (seconds <= LATENCY_BUCKETS[i]!) h.counts[i]!++;
    h.sum += seconds;
    h.count++;
    if (method === 'POST' && route === '/api/reports' && status === 201) this.submissions++;
  }

  observeFault(code: string): void {
    this.dbFaults.set(code, (this.dbFaults.get(code) ?? 0) + 1);
  }

  render(pool?: { open: number; active: number; max: number } | null): string {
    const out: string[] = [];
    const head = (name: string, type: string, help: string) =>
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);

    head(
      'duhop_http_requests_total',
      'counter',
      'HTTP requests answered, by method, route pattern and status.',
    );
    for (const [key, n] of this.requests) {
      const [method, route, status] = JSON.parse(key) as string[];
      out.push(
        `duhop_http_requests_total${labels({ method: method!, route: route!, status: status! })} ${n}`,
      );
    }
    head(
      'duhop_http_request_duration_seconds',
      'histogram',
      'Time from the request to its answer, by method and route pattern.',
    );
    for (const [key, h] of this.latency) {
      const [method, route] = JSON.parse(key) as string[];
      const base = { method: method!, route: route! };
      LATENCY_BUCKETS.forEach((le, i) => {
        out.push(
          `duhop_http_request_duration_seconds_bucket${labels({ ...base, le: String(le) })} ${h.counts[i]}`,
        );
      });
      out.push(
        `duhop_http_request_duration_seconds_bucket${labels({ ...base, le: '+Inf' })} ${h.count}`,
      );
      out.push(`duhop_http_request_duration_seconds_sum${labels(base)} ${h.sum.toFixed(6)}`);
      out.push(`duhop_http_request_duration_seconds_count${labels(base)} ${h.count}`);
    }
    head('duhop_http_requests_in_flight', 'gauge', 'Requests whose handler is still running.');
    out.push(`duhop_http_requests_in_flight ${this.inFlight}`);
    head('duhop_reports_submitted_total', 'counter', 'Reports stored (201) by this process.');
    out.push(`duhop_reports_submitted_total ${this.submissions}`);
    head(
      'duhop_escalations_total',
      'counter',
      'Issues escalated for a missed deadline by this process.',
    );
    out.push(`duhop_escalations_total ${this.escalations}`);
    head(
      'duhop_database_faults_total',
      'counter',
      'Requests answered 503 because of a database fault, by code.',
    );
    for (const [code, n] of this.dbFaults)
      out.push(`duhop_database_faults_total${labels({ code })} ${n}`);
    if (pool) {
      head(
        'duhop_db_pool_connections',
        'gauge',
        "This process's PostgreSQL connections by state (active: running a query).",
      );
      out.push(`duhop_db_pool_connections${labels({ state: 'active' })} ${pool.active}`);
      out.push(
        `duhop_db_pool_connections${labels({ state: 'idle' })} ${Math.max(0, pool.open - pool.active)}`,
      );
      head('duhop_db_pool_max', 'gauge', 'The PostgreSQL pool size (DB_POOL_MAX).');
      out.push(`duhop_db_pool_max ${pool.max}`);
    }
    head('duhop_process_uptime_seconds', 'gauge', 'Seconds since this process built its API.');
    out.push(`duhop_process_uptime_seconds ${((Date.now() - this.started) / 1000).toFixed(0)}`);
    head('duhop_process_resident_memory_bytes', 'gauge', 'Resident set size of the process.');
    out.push(`duhop_process_resident_memory_bytes ${process.memoryUsage.rss()}`);
    return `${out.join('\n')}\n`;
  }
}
