/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  // Row 0 and column 0 count the edits from or to the empty string; the other cells are filled below.
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i || j));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/**
 * The known option a mistyped one most likely meant: one that starts mostly as it does
 * (`timeout` → `timeoutMs`), else one a couple of typos away (`regoin` → `region`), else none.
 */
export function nearestOption(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: { option: string; score: number } | undefined;
  for (const option of known) {
    const candidate = option.toLowerCase();
    let shared = 0;
    while (shared < lower.length && lower[shared] === candidate[shared]) shared++;
    // Most of what was typed is how the option starts: `timeout` → `timeoutMs`, `maxRetry` → `maxRetries`.
    const prefix = shared >= 4 && shared >= Math.ceil(Math.min(lower.length, candidate.length) * 0.6);
    const score = prefix ? candidate.length - shared : editDistance(lower, candidate);
    // Else a couple of typos away: a quarter of the option's length, at least one.
    const near = prefix || score <= Math.max(1, Math.floor(candidate.length / 4));
    if (near && (best === undefined || score < best.score)) best = { option, score };
  }
  return best?.option;
}
