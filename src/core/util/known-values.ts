/** The last few distinct values of a credential that was read more than once (a rotated key). */
export interface KnownValues {
  add(value: string): void;
  readonly list: readonly string[];
}

/**
 * Remembers the latest `limit` distinct values, so errors can scrub a credential
 * that was rotated a moment ago as well as the current one.
 */
export function knownValues(limit = 4): KnownValues {
  const list: string[] = [];
  return {
    add(value) {
      if (list.includes(value)) return;
      list.push(value);
      if (list.length > limit) list.shift();
    },
    list,
  };
}
