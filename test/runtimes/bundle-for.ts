// Bundles a smoke or the browser page against the packed keycard: every import of keycard (by name,
// or by the src/ paths test/browser/page.ts uses) resolves inside the project that installed the
// tarball, never to this repository's src/ or dist/.
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const sourceEntries: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/\/src\/index$/, () => 'keycard'],
  [/\/src\/apis\/([a-z]+)\/index$/, (match) => `keycard/${match[1]}`],
  [/\/src\/sandbox\/index$/, () => 'keycard/sandbox'],
  [/^keycard(\/[a-z]+)?$/, (match) => match[0]],
];

function packedKeycard(consumerDir: string): Plugin {
  return {
    name: 'packed-keycard',
    setup(plugin) {
      plugin.onResolve({ filter: /(^keycard(\/[a-z]+)?$)|(\/src\/(index|apis\/[a-z]+\/index|sandbox\/index)$)/ }, async (args) => {
        // The resolve below comes back through this hook: let esbuild's own resolution take it.
        if ((args.pluginData as { packed?: boolean } | undefined)?.packed) return undefined;
        for (const [pattern, name] of sourceEntries) {
          const match = args.path.match(pattern);
          if (match) return plugin.resolve(name(match), { kind: args.kind, resolveDir: consumerDir, pluginData: { packed: true } });
        }
        return undefined;
      });
    },
  };
}

/** A self-contained bundle of `entry` (for a Worker or a page), keycard taken from the tarball. */
export async function bundleWithPackedKeycard(entry: string, consumerDir: string, platform: 'browser' | 'neutral', conditions: string[] = []) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform,
    conditions,
    mainFields: ['browser', 'module', 'main'],
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    plugins: [packedKeycard(consumerDir)],
  });
  return result.outputFiles[0]!.text;
}

/** `entry` as one module inside the consumer project, importing keycard by name from its node_modules. */
export async function programInConsumer(entry: string, consumerDir: string, name: string) {
  const outfile = join(consumerDir, name);
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outfile,
    external: ['keycard', 'keycard/*'],
    logLevel: 'silent',
  });
  return outfile;
}
