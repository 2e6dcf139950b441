import { Hono } from 'hono';
import { describeRoute } from 'hono-openapi';
import { NotificationSettings, NotificationSettingsInput } from '@duhop/shared';
import type { AppEnv } from '../../../context.ts';
import { requireUser } from '../../../lib/auth.ts';
import { doc } from '../../../lib/openapi.ts';
import { jsonBody } from '../../../lib/validate.ts';
import { getSettings, putSettings } from './settings.ts';

/** `/api/me/notification-settings`: the caller's own email settings. */
export const notificationSettingsRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get(
    '/',
    describeRoute(
      doc(
        'My email settings: address, immediate mail and daily digest (staff), mail about my own issues (members)',
        NotificationSettings,
      ),
    ),
    async (c) => c.json(await getSettings(c.var.deps, c.var.user), 200),
  )
  .put(
    '/',
    describeRoute(
      doc(
        'Save my email settings (all fields; an option needs an address; digestHour 0–23, Vietnam time)',
        NotificationSettings,
        { body: NotificationSettingsInput },
      ),
    ),
    ...jsonBody(NotificationSettingsInput),
    async (c) => c.json(await putSettings(c.var.deps, c.var.user, c.req.valid('json')), 200),
  );
