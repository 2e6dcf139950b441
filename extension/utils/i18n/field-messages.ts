import { serverVi } from './server-vi.ts';
import type { MessageKey, Translate } from './translate.ts';

const BY_TEXT = new Map<string, MessageKey>(
  Object.entries(serverVi).map(([key, text]) => [text, key as MessageKey]),
);

/**
 * A field message from the API (or the shared schemas the form checks with) in the interface
 * language: a known server sentence becomes its dictionary entry; anything else (a message with
 * names or numbers in it, one added to the server later) is shown as the server wrote it.
 */
export function fieldMessage(t: Translate, message: string): string {
  const key = BY_TEXT.get(message);
  return key ? t(key) : message;
}

/** Every message of a 422's `fields`, by path, in the interface language. */
export function localFields(
  t: Translate,
  fields: Readonly<Record<string, readonly string[]>>,
): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([path, msgs]) => [path, msgs.map((m) => fieldMessage(t, m))]),
  );
}
