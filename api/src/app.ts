import { Hono } from 'hono';
import pkg from '../../package.json' with { type: 'json' };
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { openAPIRouteHandler } from 'hono-openapi';
import { defaultConfig, type AppConfig, type AppEnv, type AuthUser, type Deps } from './context.ts';
import { ReferenceCache } from './features/reports/reference-cache.ts';
import type { Database } from './db/client.ts';
import {
  classifyDbFault,
  FAULT_RETRY_AFTER_S,
  faultError,
  isFaultCode,
  storageFullFault,
  type StorageGuard,
} from './db/health.ts';
import { bodyLimitFast } from './lib/body-limit.ts';
import { corsAfter } from './lib/cors.ts';
import { ApiError, errorJson, notFoundErrors } from './lib/errors.ts';
import { Metrics } from './lib/metrics.ts';
import { errorLogLine, observeRequests, type ObserveOptions } from './lib/request-log.ts';
import { requestScope } from './lib/request-scope.ts';
import { rejectUnstorableText } from './lib/text-guard.ts';
import { adminRoutes } from './features/admin/routes.ts';
import { webhookSchemas, webhooksSection } from './features/webhooks/openapi.ts';
import { assignmentRoutes } from './features/assignments/routes.ts';
import { residenceRoutes } from './features/residence/routes.ts';
import { authRoutes } from './features/auth/routes.ts';
import { complianceRoutes } from './features/synthesis/compliance.routes.ts';
import { myYearRoutes, yearViewRoutes } from './features/synthesis/year-view.routes.ts';
import { criteriaRoutes } from './features/reports/criteria.routes.ts';
import { extensionRoutes } from './features/ops/extension.routes.ts';
import { healthRoutes } from './features/ops/health.routes.ts';
import { metricsRoutes } from './features/ops/metrics.routes.ts';
import { inboxRoutes } from './features/inbox/routes.ts';
import { issueRoutes } from './features/issues/routes.ts';
import { meRoutes, orgRoutes } from './features/auth/me.routes.ts';
import { mePasswordRoutes } from './features/auth/password.routes.ts';
import { notificationSettingsRoutes } from './features/deliveries/email/settings.routes.ts';
import { myRoutes } from './features/issues/my.routes.ts';
import { reportExportRoutes } from './features/exports/routes.ts';
import { reportRoutes } from './features/reports/routes.ts';
import { routingRoutes } from './features/reports/routing.routes.ts';
import { synthesisRoutes } from './features/synthesis/routes.ts';
import { templateRoutes } from './features/reports/templates.routes.ts';

export interface CreateAppOptions {
  database: Database;
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  config?: Partial<AppConfig>;
  /** Where unexpected errors are logged (default: one sanitized JSON line on stderr). */
  logError?: (err: unknown, requestId: string) => void;
  /** Request log lines, metrics and the in-flight count (the server passes all three). */
  observe?: ObserveOptions;
  /** PGlite on a data directory: refuse writes while its disk is nearly full. */
  storageGuard?: StorageGuard;
}

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/([a-z0-9-]+)$/i;

/** CORS: the configured extension ids (or any, in the demo) and the CORS_ORIGINS list. */
function allowedOrigin(config: AppConfig, origin: string): boolean {
  if (config.corsOrigins.includes(origin)) return true;
  const id = EXTENSION_ORIGIN.exec(origin)?.[2];
  if (!id) return false;
  return config.extensionIds === '*' || config.extensionIds.includes(id.toLowerCase());
}

/** Builds the HTTP API over its dependencies; nothing here opens a database or a port. */
export function createApp(opts: CreateAppOptions) {
  const config = { ...defaultConfig, ...opts.config };
  const metrics = opts.observe?.metrics ?? new Metrics();
  const deps: Deps = {
    database: opts.database,
    db: opts.database.db,
    now: opts.now ?? (() => new Date()),
    config,
    metrics,
    storageGuard: opts.storageGuard,
    reference: new ReferenceCache(),
  };
  const logError = opts.logError ?? ((err, id) => console.error(errorLogLine(err, id)));
  const { faults } = opts.database;
  const storageGuard = opts.storageGuard;

  const app = new Hono<AppEnv>()
    .use(observeRequests({ ...opts.observe, metrics }))
    .use(requestId())
    .use(
      corsAfter({
        origin: (origin) => (allowedOrigin(config, origin) ? origin : null),
        allowHeaders: ['Authorization', 'Content-Type'],
        allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        exposeHeaders: ['Content-Disposition', 'Retry-After'],
        maxAge: 600,
      }),
    )
    .use(async (c, next) => {
      c.set('deps', deps);
      // The export queue learns who asks and whether the client is still there (lib/in-worker.ts).
      await requestScope.run(
        {
          get signal() {
            return c.req.raw.signal;
          },
          get userId() {
            return (c.get('user') as AuthUser | undefined)?.id;
          },
        },
        next,
      );
      // An answer sent before the request body was read in full (413, or a 401/415 refusing a
      // POST): the rest of the body is still on the wire, so this connection cannot carry another
      // request. Say so, or a keep-alive client would send its next request into a socket the
      // server is about to close (issue 13: "other side closed").
      const incoming = (c.env as { incoming?: { complete?: boolean } } | undefined)?.incoming;
      if (incoming && incoming.complete === false) c.res.headers.set('Connection', 'close');
    })
    .use(
      '/api/*',
      bodyLimitFast({
        maxSize: config.bodyLimitBytes,
        onError: () => {
          throw new ApiError(
            413,
            'PAYLOAD_TOO_LARGE',
            `Dữ liệu gửi lên vượt quá ${Math.round(config.bodyLimitBytes / 1024)} KB`,
          );
        },
      }),
    )
    // Text PostgreSQL cannot store, refused on every route (the fuzz tests found 500s from NUL in
    // reports, templates, login and the inbox search, and from lone surrogates in jsonb).
    .use('/api/*', rejectUnstorableText)
    // A database that cannot take writes answers 503 at once (db/health.ts): after a PGlite PANIC
    // nothing may reach it again; on a nearly full disk writes are refused before PGlite panics.
    .use('/api/*', async (c, next) => {
      if (faults?.fatal) throw faultError(faults.fatal);
      if (
        storageGuard &&
        !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) &&
        (await storageGuard.isLow())
      ) {
        throw faultError(storageFullFault(storageGuard));
      }
      await next();
    });

  app.onError((err, c) => {
    const fault = err instanceof ApiError ? null : classifyDbFault(err);
    if (fault || (err instanceof ApiError && err.status === 503 && isFaultCode(err.code))) {
      const code = fault?.code ?? (err as ApiError).code;
      metrics.observeFault(code);
      if (fault) {
        console.error(
          JSON.stringify({
            time: new Date().toISOString(),
            level: 'warn',
            requestId: c.var.requestId,
            fault: code,
            reason: fault.reason,
          }),
        );
      }
      c.header('Retry-After', String(FAULT_RETRY_AFTER_S));
      return errorJson(c, fault ? faultError(fault) : (err as ApiError));
    }
    if (err instanceof ApiError) return errorJson(c, err);
    if (err instanceof HTTPException && err.status < 500) {
      const malformed = err.status === 400;
      return errorJson(
        c,
        new ApiError(
          err.status,
          malformed ? 'MALFORMED_JSON' : 'BAD_REQUEST',
          malformed ? 'Dữ liệu gửi lên không phải JSON hợp lệ' : err.message,
        ),
      );
    }
    // The client hung up before its body arrived (bad connections do): nobody reads this answer,
    // and it is not a server fault worth a stack trace in the log.
    const incoming = (
      c.env as { incoming?: { complete?: boolean; destroyed?: boolean } } | undefined
    )?.incoming;
    // A job cancelled because its client left (the export queue): nobody is there to read this either.
    if (err instanceof Error && err.name === 'AbortError' && c.req.raw.signal.aborted)
      return errorJson(
        c,
        new ApiError(400, 'REQUEST_ABORTED', 'Kết nối bị ngắt trước khi gửi xong dữ liệu'),
      );
    if (incoming?.destroyed && !incoming.complete)
      return errorJson(
        c,
        new ApiError(400, 'REQUEST_ABORTED', 'Kết nối bị ngắt trước khi gửi xong dữ liệu'),
      );
    logError(err, c.var.requestId);
    return errorJson(c, new ApiError(500, 'INTERNAL_ERROR', 'Lỗi máy chủ; vui lòng thử lại sau'));
  });
  app.notFound((c) => errorJson(c, notFoundErrors.route()));

  const routes = app
    .route('/', healthRoutes)
    .route('/extension', extensionRoutes)
    .route('/', metricsRoutes)
    .route('/api/auth', authRoutes)
    .route('/api/me', meRoutes)
    .route('/api/me', mePasswordRoutes)
    .route('/api/me/notification-settings', notificationSettingsRoutes)
    .route('/api/org-units', orgRoutes)
    .route('/api/criteria-sets', criteriaRoutes)
    .route('/api/reports', reportRoutes)
    .route('/api/issues', issueRoutes)
    .route('/api/inbox', inboxRoutes)
    .route('/api/my', myRoutes)
    .route('/api/answer-templates', templateRoutes)
    .route('/api/admin', adminRoutes)
    .route('/api/assignments', assignmentRoutes)
    .route('/api/residence', residenceRoutes)
    .route('/api/compliance', complianceRoutes)
    .route('/api/synthesis', synthesisRoutes)
    .route('/api/year-view', yearViewRoutes)
    .route('/api/me/year', myYearRoutes)
    .route('/api/report-exports', reportExportRoutes)
    .route('/api/routing-rules', routingRoutes);

  app.get(
    '/openapi.json',
    openAPIRouteHandler(routes, {
      // /extension/update.xml and /extension/duhop.crx are API routes, not static files.
      excludeStaticFile: false,
      // Every route answers validation errors with 422 and the error shape (lib/openapi.ts `doc`),
      // never hono-openapi's default 400 `{success,error,data}`.
      defaultValidationErrorResponse: false,
      documentation: {
        openapi: '3.1.0',
        info: {
          title: 'duhop API',
          version: pkg.version,
          description:
            'Reports on Party cell meetings and the follow-up of the issues they raise. ' +
            'For integrators: docs/integrators.md (authentication, error codes, idempotent ' +
            'submission, pagination, rate limits); the minimum contract: docs/api.md.',
          // No public address of its own: the installation's operator answers for it.
          contact: { name: 'duhop maintainers (the repository’s issue tracker)' },
        },
        servers: [
          {
            url: '/',
            description: 'The server that serves this document (paths are relative to it)',
          },
        ],
        components: {
          securitySchemes: {
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description: 'The token from POST /api/auth/login: `Authorization: Bearer <token>`',
            },
            metricsToken: {
              type: 'http',
              scheme: 'bearer',
              description: 'METRICS_TOKEN of the server (GET /metrics only), not a user token',
            },
          },
          schemas: webhookSchemas,
        },
        // What duhop POSTs to the endpoints admins register (docs/webhooks.md).
        webhooks: webhooksSection,
      },
    }),
  );
  return routes;
}

export type AppType = ReturnType<typeof createApp>;
