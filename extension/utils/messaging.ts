import { browser } from 'wxt/browser';
import type { PollSummary } from './triage/my-watch.ts';

/**
 * Every message between the extension's pages and its service worker, typed once.
 * `outbox/flush`: a page asks the background to send what is queued now (after submitting, on
 * `online`, after signing in). `capture/add`: the background offers captured text to the page
 * that has the draft open; no answer means nobody had it open. `my-events/poll`: the side panel
 * asks the background to read the observer's feed now (on opening), instead of at the next alarm.
 */
export interface Messages {
  'outbox/flush': { req: { force?: boolean }; res: FlushSummary };
  'capture/add': { req: { draftId: string; text: string; url?: string }; res: boolean };
  'my-events/poll': { req: Record<string, never>; res: PollSummary };
  /** The side panel opened: check the deadline reminders now; answers how many cells are due. */
  'deadline/check': { req: Record<string, never>; res: number };
  /** The workspace opened or acted: read the staff's inbox now (badge, notifications). */
  'staff-inbox/poll': { req: Record<string, never>; res: { awaiting: number; soon: number } };
}

export interface FlushSummary {
  sent: number;
  waiting: number;
}

type Envelope<K extends keyof Messages = keyof Messages> = { type: K; data: Messages[K]['req'] };

/** Sends a message; resolves undefined when nobody answered (no page open, worker asleep). */
export async function sendMessage<K extends keyof Messages>(
  type: K,
  data: Messages[K]['req'],
): Promise<Messages[K]['res'] | undefined> {
  try {
    return (await browser.runtime.sendMessage({ type, data } satisfies Envelope<K>)) as
      | Messages[K]['res']
      | undefined;
  } catch {
    return undefined;
  }
}

/**
 * Handles one message type. A handler that returns undefined leaves the message to other
 * listeners; any other value (or promise) is the answer. Returns the unsubscribe function.
 */
export function onMessage<K extends keyof Messages>(
  type: K,
  handler: (
    data: Messages[K]['req'],
  ) => Messages[K]['res'] | Promise<Messages[K]['res']> | undefined,
): () => void {
  const listener = (
    message: unknown,
    _sender: unknown,
    sendResponse?: (r: unknown) => void,
  ): true | Promise<unknown> | undefined => {
    const m = message as Partial<Envelope<K>> | null;
    if (!m || m.type !== type) return undefined;
    const out = handler(m.data as Messages[K]['req']);
    if (out === undefined) return undefined;
    const answer = Promise.resolve(out);
    // Chrome answers through sendResponse (return true keeps the channel open); runtimes that
    // pass no callback (Firefox, WXT's fake browser) take the returned promise.
    if (typeof sendResponse !== 'function') return answer;
    answer.then(sendResponse, () => sendResponse(undefined));
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
