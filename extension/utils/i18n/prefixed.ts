/** `{ dat_dai: 'Đất đai' }` → `{ cat_dat_dai: 'Đất đai' }`, typed, so a dictionary can take a shared label set as it is. */
export type Prefixed<P extends string, T> = {
  readonly [K in keyof T & string as `${P}${K}`]: string;
};

export function prefixed<P extends string, T extends Readonly<Record<string, string>>>(
  prefix: P,
  labels: T,
): Prefixed<P, T> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [prefix + k, v])) as Prefixed<
    P,
    T
  >;
}
