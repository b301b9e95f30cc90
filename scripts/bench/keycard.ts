// keycard as its users import it: the built package, through the package's self-reference (build
// first: `npm run build`). KEYCARD_BENCH_SOURCE=src measures the TypeScript sources instead (needs
// src-hooks.ts, which bench.ts loads), for when dist cannot be built.
type Keycard = typeof import('keycard');

export const keycardSource = process.env.KEYCARD_BENCH_SOURCE === 'src' ? 'src' : 'dist';
export const keycard: Keycard = keycardSource === 'src' ? await import('../../src/index.ts') : await import('keycard');
