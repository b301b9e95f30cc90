import { describe, expect, test } from 'vitest';
import { progressReporter } from '../../src/cli/progress-reporter';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { isTTY, written, write: (text: string) => written.push(text) };
}

describe('progressReporter', () => {
  test('on a terminal, redraws one line with the status and the seconds waited, and ends it', () => {
    const terminal = stream(true);
    let now = 1_000;
    const progress = progressReporter(terminal, 'generate', 'status', () => now);
    progress.onProgress?.({ status: 'queued' });
    now += 4_000;
    progress.onProgress?.({ status: 'processing' });
    progress.end();
    expect(terminal.written).toEqual(['\r\x1b[Kgenerate: queued, 0 s', '\r\x1b[Kgenerate: processing, 4 s', '\n']);
  });

  test('writes nothing when stderr is not a terminal, so piped output stays clean', () => {
    const piped = stream(false);
    const progress = progressReporter(piped, 'run', 'status');
    expect(progress.onProgress).toBeUndefined();
    progress.end();
    expect(piped.written).toEqual([]);
  });
});
