// Sizes of the browser bundles (esbuild, platform 'browser', minified, gzip level 9; 1 kB = 1000 B).
// Each API-key client is held to its budget (scripts/bench/bundle-size.ts says how it was set);
// `npm run bench` prints every entry's largest inputs.
import { describe, expect, test } from 'vitest';
import { apiKeyClientBudgets, apiKeyClients, measureBundle, measuredEntries, type BundleSize } from '../scripts/bench/bundle-size.ts';

const bundles = new Map<string, Promise<BundleSize>>();
const bundleOf = (entry: string) => {
  let bundle = bundles.get(entry);
  if (bundle === undefined) bundles.set(entry, (bundle = measureBundle(entry, measuredEntries[entry]!)));
  return bundle;
};

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const largestOwn = (size: BundleSize) =>
  size.inputs
    .filter((input) => input.path.startsWith('src/'))
    .slice(0, 5)
    .map((input) => `${input.path} ${kB(input.bytes)} min`)
    .join(', ');

describe('API-key client bundles', () => {
  for (const entry of apiKeyClients) {
    const budget = apiKeyClientBudgets[entry]!;
    test(`${entry} is at most ${kB(budget.totalGzip)} gzip in total`, async () => {
      const size = await bundleOf(entry);
      expect(
        size.total.gzip,
        `${entry}: ${kB(size.total.gzip)} gzip (dependencies ${kB(size.dependencies.gzip)}, own ${kB(size.own.gzip)})`,
      ).toBeLessThanOrEqual(budget.totalGzip);
    });

    test(`keycard's own code in ${entry} is at most ${kB(budget.ownGzip)} gzip`, async () => {
      const size = await bundleOf(entry);
      expect(size.own.gzip, `${entry}: own code ${kB(size.own.gzip)} gzip; largest: ${largestOwn(size)}`).toBeLessThanOrEqual(
        budget.ownGzip,
      );
    });
  }
});

describe('client bundles', () => {
  // A webhook secret never belongs in a browser: an app that only calls Rynko carries no verifier.
  test('an app that imports only RynkoClient carries no webhook verification', async () => {
    const size = await bundleOf('RynkoClient alone');
    expect(size.inputs.map((input) => input.path)).not.toContain('src/apis/rynko/verify-webhook.ts');
    expect((await bundleOf('keycard/rynko')).inputs.map((input) => input.path)).toContain('src/apis/rynko/verify-webhook.ts');
  });

  for (const entry of Object.keys(measuredEntries)) {
    test(`the sandbox and msw never enter ${entry}`, async () => {
      expect((await bundleOf(entry)).forbidden).toEqual([]);
    });
  }
});
