import { webhookModule } from '../webhooks/module.ts';
import { emailModuleFactory } from './email/email.ts';
import type { ModuleFactory } from './worker.ts';

/** Every delivery module the server starts (email, webhooks); each one is off when unconfigured. */
export const deliveryModules: ModuleFactory[] = [emailModuleFactory, webhookModule];
