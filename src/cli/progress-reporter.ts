/** Where progress goes: stderr, drawn over itself only on a terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/** What a wait reports to, and how it ends the line it drew. */
export interface ProgressReporter {
  onProgress?: (value: unknown) => void;
  end(): void;
}

/**
 * A wait's progress (`generate: processing, 4 s`) redrawn on one line of a terminal. Nothing is
 * written when the stream is not a terminal: piped or logged output stays the JSON answer alone.
 */
export function progressReporter(stream: ProgressStream, label: string, field: string, now: () => number = Date.now): ProgressReporter {
  if (!stream.isTTY) return { end: () => {} };
  const started = now();
  let drawn = false;
  return {
    onProgress: (value) => {
      const status = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
      const seconds = Math.round((now() - started) / 1000);
      stream.write(`\r\x1b[K${label}: ${String(status ?? 'waiting')}, ${seconds} s`);
      drawn = true;
    },
    end: () => {
      if (drawn) stream.write('\n');
    },
  };
}
