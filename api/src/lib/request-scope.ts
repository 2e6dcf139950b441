import { AsyncLocalStorage } from 'node:async_hooks';

/** What deep code (the export queue) may know of the request it runs for, without threading it through. */
export interface RequestScope {
  /** Aborted when the client hangs up (@hono/node-server ties it to the socket). */
  readonly signal: AbortSignal;
  /** The signed-in user's id, once requireUser has run. */
  readonly userId: string | undefined;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();
