// Holds package.json's `exports` and the build's entries (tsup.config.ts) to the registry of APIs:
// every API has its `keycard/<name>` export and build entry, and nothing else is exported but the
// plain entries (the root, the sandbox, …). Run by `npm run generate -- --check`, and on its own:
//   node --import ./scripts/bench/src-hooks.ts scripts/check-entries.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** The four files an entry `name` is built into, by export condition. */
function expectedExport(name: string) {
  return {
    import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
    require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
  };
}

/** What is wrong with the exports and entries, one line per problem. */
export async function entryProblems(): Promise<string[]> {
  const { providers } = await import('../src/apis/registry.ts');
  const { entry, plainEntries } = await import('../tsup.config.ts');
  const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const problems: string[] = [];
  const expected = new Map<string, string>([['.', 'index']]);
  for (const name of Object.keys(plainEntries)) if (name !== 'index') expected.set(`./${name}`, name);
  for (const provider of providers) {
    expected.set(`./${provider.name}`, provider.name);
    if (entry[provider.name] !== `src/apis/${provider.name}/index.ts`) problems.push(`tsup.config.ts has no entry ${provider.name}: src/apis/${provider.name}/index.ts`);
  }
  for (const [path, name] of expected) {
    if (JSON.stringify(exports[path]) !== JSON.stringify(expectedExport(name))) {
      problems.push(`package.json exports["${path}"] should be ${JSON.stringify(expectedExport(name))}`);
    }
  }
  for (const path of Object.keys(exports)) {
    if (!expected.has(path) && path !== './package.json') problems.push(`package.json exports "${path}", which neither the registry nor tsup.config.ts's plain entries name`);
  }
  for (const name of Object.keys(entry)) {
    if (!expected.has(name === 'index' ? '.' : `./${name}`)) problems.push(`tsup.config.ts builds ${name}, which package.json does not export`);
  }
  return problems;
}

if (import.meta.main) {
  await import('./bench/src-hooks.ts');
  const problems = await entryProblems();
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log('package exports and build entries match the registry');
}
