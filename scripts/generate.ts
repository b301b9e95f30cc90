// Generates TypeScript types from the OpenAPI specs with openapi-typescript.
//   node scripts/generate.ts          write every schema.gen.ts
//   node scripts/generate.ts --check  fail if any generated file differs from its spec (drift)
//   node scripts/generate.ts openapi/rynko.yaml   only the specs named
// Both modes first refuse a vendor spec (openapi/*.yaml) with an operation that does not say where
// it comes from: see scripts/generate/source-label-problems.ts for the label.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { specFileSourceLabelProblems } from './generate/source-label-problems.ts';

const root = join(import.meta.dirname, '..');
const check = process.argv.includes('--check');
const only = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));

/** Every spec and the file generated from it: openapi/<api>.yaml → src/apis/<api>/schema.gen.ts. */
function targets(): { spec: string; output: string }[] {
  const apis = existsSync(join(root, 'openapi'))
    ? readdirSync(join(root, 'openapi'))
        .filter((file) => file.endsWith('.yaml'))
        .map((file) => ({ spec: `openapi/${file}`, output: `src/apis/${basename(file, '.yaml')}/schema.gen.ts` }))
    : [];
  return [...apis, { spec: 'test/example/things-api.yaml', output: 'test/example/things-api.gen.ts' }];
}

async function render(spec: string): Promise<string> {
  const ast = await openapiTS(pathToFileURL(join(root, spec)), { alphabetize: true, rootTypes: true });
  return `${COMMENT_HEADER}// Source: ${spec}. Regenerate with \`npm run generate\`.\n\n${astToString(ast)}`;
}

const selected = targets().filter((target) => only.length === 0 || only.includes(target.spec));
// The user-facing example spec (test/example) is not a vendor's, so it carries no labels.
const unlabelled = selected
  .filter(({ spec }) => spec.startsWith('openapi/'))
  .flatMap(({ spec }) => specFileSourceLabelProblems(join(root, spec), spec));
if (unlabelled.length > 0) {
  console.error(
    `${unlabelled.join('\n')}\nLabel each operation x-keycard-source: documented (with x-keycard-source-url) ` +
      'or modelled (with x-keycard-source-reason).',
  );
  process.exit(1);
}

const drift: string[] = [];
for (const { spec, output } of selected) {
  const contents = await render(spec);
  const path = join(root, output);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (check) {
    if (current !== contents) drift.push(`${output} is out of date with ${spec}`);
  } else if (current !== contents) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, contents);
    console.log(`generated ${output}`);
  }
}
if (check && only.length === 0) {
  // The exports and build entries follow the registry of APIs (scripts/check-entries.ts).
  await import('./bench/src-hooks.ts');
  const { entryProblems } = await import('./check-entries.ts');
  drift.push(...(await entryProblems()));
}
if (drift.length > 0) {
  console.error(`${drift.join('\n')}\nRun \`npm run generate\` and commit the result.`);
  process.exit(1);
}
if (check) console.log('generated types match their specs');
