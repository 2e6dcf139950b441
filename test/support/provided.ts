import { inject, type ProvidedContext } from 'vitest';

/**
 * A value a globalSetup provided (support/global-db.ts, support/global-build.ts), or undefined
 * outside a vitest worker (the benchmarks run these helpers under tsx) or in a project without it.
 */
export function provided<K extends keyof ProvidedContext & string>(
  key: K,
): ProvidedContext[K] | undefined {
  try {
    return inject(key);
  } catch {
    return undefined;
  }
}
