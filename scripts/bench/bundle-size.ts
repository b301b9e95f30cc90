// Browser bundles of keycard's entry points (esbuild, platform 'browser', minified), and how many
// bytes of each are dependencies and how many keycard's own code. Used by bench.ts and by
// test/bundle-size.test.ts.
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { providerEntries, providers } from '../../src/apis/registry.ts';

const root = join(import.meta.dirname, '..', '..');

/** The core every API-key client carries: an app's `createClient` with `apiKey`, tree-shaken. */
export const apiKeyCore = 'createClient + apiKey';

/** The public import paths and their source entries: the root, and each API of the registry. */
export const clientEntries: Record<string, string> = {
  keycard: 'src/index.ts',
  ...Object.fromEntries(Object.entries(providerEntries()).map(([name, path]) => [`keycard/${name}`, path])),
};

/**
 * An app that uses one API's client and nothing else of its entry (`import { RynkoClient } from
 * 'keycard/rynko'`): what that client costs a browser bundle, with what the entry exports besides
 * (webhook verification, unused error classes) tree-shaken away. Written `<source>#<export>`.
 */
const clientOnly = (name: string, clientName: string) => ({ [`${clientName} alone`]: `${clientEntries[`keycard/${name}`]}#${clientName}` });

/** What the bench and `npm test` bundle: the public entries, each API client alone, and the core. */
export const measuredEntries: Record<string, string> = {
  ...clientEntries,
  ...Object.assign({}, ...providers.map((provider) => clientOnly(provider.name, provider.clientName))),
  [apiKeyCore]: 'scripts/bench/api-key-core.ts',
};

/** Sizes in bytes of one part of a bundle. */
export interface PartSize {
  minified: number;
  gzip: number;
}

export interface BundleSize {
  entry: string;
  total: PartSize;
  /** Code from node_modules (ky, openapi-fetch, p-retry, …). */
  dependencies: PartSize;
  /** Code from src/. */
  own: PartSize;
  /** Minified bytes per input file, largest first. */
  inputs: { path: string; bytes: number }[];
  /** Inputs that must never be in a client bundle (the sandbox, msw) that are in this one. */
  forbidden: string[];
}

const gzip = (text: string) => gzipSync(Buffer.from(text), { level: 9 }).length;
const part = (text: string): PartSize => ({ minified: Buffer.byteLength(text), gzip: gzip(text) });
const isForbidden = (path: string) => path.startsWith('src/sandbox/') || /(^|\/)node_modules\/(msw|@mswjs)\//.test(path);

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Per generated line, the [column, source index] where each mapped segment starts (-1: unmapped). */
function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments: [number, number][] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = base64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += fields[0]!;
      if (fields.length > 1) source += fields[1]!;
      segments.push([column, fields.length > 1 ? source : -1]);
      // Source line, column and name deltas are cumulative too, but only the source matters here.
    }
    lines.push(segments);
  }
  return lines;
}

/** Splits generated code into the text that came from dependencies and the text from src/. */
function splitBySource(code: string, map: { sources: string[]; mappings: string }, mapDir: string) {
  const isDependency = map.sources.map((source) => relative(root, join(mapDir, source)).includes('node_modules/'));
  const parts = { dependencies: [] as string[], own: [] as string[] };
  const lines = code.split('\n');
  const mappings = decodeMappings(map.mappings);
  lines.forEach((text, index) => {
    const segments = mappings[index] ?? [];
    // Text before the first segment and unmapped segments are esbuild's glue: counted as own code.
    let start = 0;
    let owner = -1;
    const flush = (end: number) => {
      if (end > start) (owner >= 0 && isDependency[owner] ? parts.dependencies : parts.own).push(text.slice(start, end));
    };
    for (const [column, source] of segments) {
      flush(column);
      start = column;
      owner = source;
    }
    flush(text.length);
  });
  return { dependencies: parts.dependencies.join(''), own: parts.own.join('') };
}

/** Bundles one entry for the browser and measures it. */
export async function measureBundle(entry: string, sourcePath: string): Promise<BundleSize> {
  const [path, only] = sourcePath.split('#') as [string, string?];
  const absolute = join(root, path);
  if (!existsSync(absolute)) throw new Error(`${entry}: ${path} does not exist`);
  const outfile = join(root, 'bench-bundle.js');
  const result = await build({
    ...(only === undefined
      ? { entryPoints: [absolute] }
      : { stdin: { contents: `export { ${only} } from './${path}';`, resolveDir: root, sourcefile: 'client-only.ts', loader: 'ts' as const } }),
    absWorkingDir: root,
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2023',
    sourcemap: 'external',
    metafile: true,
    write: false,
    outfile,
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
  const map = JSON.parse(result.outputFiles.find((file) => file.path.endsWith('.map'))!.text) as { sources: string[]; mappings: string };
  const split = splitBySource(code, map, root);
  const output = Object.values(result.metafile.outputs).find((candidate) => candidate.entryPoint !== undefined)!;
  const inputs = Object.entries(output.inputs)
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .filter((input) => input.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return {
    entry,
    total: part(code),
    dependencies: part(split.dependencies),
    own: part(split.own),
    inputs,
    forbidden: Object.keys(result.metafile.inputs).filter(isForbidden),
  };
}

/** Every client entry that exists (missing ones are reported by name in `missing`). */
export async function measureBundles(): Promise<{ bundles: BundleSize[]; missing: string[] }> {
  const bundles: BundleSize[] = [];
  const missing: string[] = [];
  for (const [entry, sourcePath] of Object.entries(measuredEntries)) {
    if (existsSync(join(root, sourcePath.split('#')[0]!))) bundles.push(await measureBundle(entry, sourcePath));
    else missing.push(entry);
  }
  return { bundles, missing };
}

/** What the issue first asked of an API-key client, gzip bytes (1 kB = 1000 B): shown beside the budget. */
export const firstApiKeyClientTarget = { totalGzip: 15_000, ownGzip: 3_000 };

/**
 * The budget `npm test` holds each API-key client to, gzip bytes (1 kB = 1000 B), about 2% over its
 * size when the budget was set. The first target above cannot be met under this stack and DESIGN's
 * behaviour contract: ky and openapi-fetch alone are 11.1 kB of a browser bundle, and the core every
 * API-key client carries (`createClient` with `apiKey`, tree-shaken) was 8.9 kB of keycard's own
 * code: every option checked by name, the error classes and the one status → error function, one
 * deadline from the token wait to the last retry, the retry and Retry-After rules, the origin guard
 * on redirects, redaction and the token cache. A commit that raises a figure here says why.
 * - The field-faults fixes (issue 11) raised the core by 2.0 kB: typed errors for failures while
 *   reading a body, retry decisions as data with messages that say how many attempts were made and
 *   why a call stopped, the client's own secrets scrubbed from URLs and header values, HTML error
 *   pages summarised, error bodies capped, per-call options checked.
 * - The clients are built from their provider by one builder since issue 12: it resolves every
 *   option from values, environment and defaults with one wording, refuses unknown options with the
 *   nearest name, routes several hosts, and every client has lazy paging and the shared wait helper.
 *   That is about 2 kB of own code more than the hand-written clients; `verifyWebhook` became a
 *   standalone export, so an app that imports only `RynkoClient` carries no webhook verification.
 *   The issue's goals (≤ 8 kB Ryvion, ≤ 9 kB Rynko) are missed: the core alone is over the first.
 * - Rynko's documented flows (issue 13) raised its client by about 0.5 kB of own code: nine named
 *   methods (job cancel, retry, delete; five for webhook subscriptions; waitForBatch), the
 *   BatchFailedError and the filename check made before sending. Measured 16.8 kB (entry) and
 *   15.3 kB (RynkoClient alone) own code.
 * - Logging, hooks and tracing (issue 16) raised every figure by 2.8 kB (measured: keycard/ryvion
 *   +2.7 kB, the core +2.5 kB): every client carries them because `KEYCARD_LOG` turns logging on
 *   without a code change. The options' checks, the redacted views, one logfmt formatter, the
 *   per-call watch and the run-time lookup of the tracing channels; unused, they cost the hot path
 *   nothing (the bench's `keycard, logging off, no hooks`).
 * - Ryvion streams since issue 13: the server-sent events decoder and the stream handle (core, 2.1 kB
 *   minified), reading chat chunks and error events, and checking a completion's and an embedding's
 *   arguments by field add about 1.1 kB gzip to Ryvion's bundles; the other clients do not carry them.

 * - Operations as data (issue 13: a webhook sent without the credential, a trigger that outlasts the
 *   server's 30 s wait) add about 0.12 kB to the core: the `operations` option and its check, and
 *   the lookup that sends a marked call through a transport without the credential.
 */
export const apiKeyClientBudgets: Record<string, { totalGzip: number; ownGzip: number }> = {
  // Issues 11 and 14 raised the core by 1.1 kB more: a budget on every token-store operation, the
  // credential's generation on each request, and the shared exchange with fleet leases, which every
  // client carries since one token cache serves them all.
  // Then lowered by what issue 12's slimming took out (RyvionClient alone 19.9 → 17.6 kB own gzip,
  // 56.3 → 47.7 kB minified): provider clients no longer run createClient's resolver again, an
  // API-key provider carries neither client-credentials resolution nor store sharing (leases,
  // the store's budget and adoption come with the credentials that can share a token), and
  // duplicated logic in the token cache, shared exchange, retry policy, transport, errors and
  // option checks became one.
  'keycard/ryvion': { totalGzip: 29_100, ownGzip: 18_400 },
  'keycard/rynko': { totalGzip: 30_300, ownGzip: 19_500 },
  'RyvionClient alone': { totalGzip: 28_700, ownGzip: 18_000 },
  'RynkoClient alone': { totalGzip: 28_700, ownGzip: 18_000 },
  [apiKeyCore]: { totalGzip: 25_600, ownGzip: 14_850 },
};
/** The bundles held to a budget: the API-key clients and their core. */
export const apiKeyClients = Object.keys(apiKeyClientBudgets);
