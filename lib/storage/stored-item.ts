import { browser } from 'wxt/browser';

/**
 * One value in extension storage, with a fallback while nothing is stored.
 * The layout is the one WXT's storage helper wrote in earlier releases (the
 * value under its key, `{ v: version }` under `key$`), so what they stored is
 * read as it is and a later release can migrate by version. Only get and set
 * are needed here; the helper's watchers, batching and migration runner
 * cost the worker 9 kB.
 */
export interface StoredItem<T> {
  /** `area:key`, as written in the definition. */
  readonly spec: string;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** The version the stored value was written with; undefined when nothing, or a value without one, is stored. */
  getVersion(): Promise<number | undefined>;
}

type Area = 'local' | 'session';

export function storedItem<T>(spec: `${Area}:${string}`, options: { fallback: T; version?: number }): StoredItem<T> {
  const colon = spec.indexOf(':');
  const area = spec.slice(0, colon) as Area;
  const key = spec.slice(colon + 1);
  return {
    spec,
    async getValue() {
      const stored = (await browser.storage[area].get(key))[key];
      // As before: nothing stored (or null) reads as the fallback.
      return (stored ?? options.fallback) as T;
    },
    async getVersion() {
      const meta = (await browser.storage[area].get(`${key}$`))[`${key}$`] as { v?: unknown } | undefined;
      return typeof meta?.v === 'number' ? meta.v : undefined;
    },
    async setValue(value) {
      await browser.storage[area].set(options.version === undefined ? { [key]: value } : { [key]: value, [`${key}$`]: { v: options.version } });
    },
  };
}
