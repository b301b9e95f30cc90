// DESIGN.md, Style: "Options: one flat object, every field with a one-line `/** */` and a `@default`".
// Walks the option types each public entry exports, as a TypeScript user's editor sees them.
import { join } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { clientEntries } from '../../scripts/bench/bundle-size.ts';

const root = join(import.meta.dirname, '../..');
const entries: Record<string, string> = { ...clientEntries, 'keycard/sandbox': 'src/sandbox/index.ts' };
const program = ts.createProgram(
  Object.values(entries).map((file) => join(root, file)),
  { strict: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true, skipLibCheck: true, noEmit: true },
);
const checker = program.getTypeChecker();

/** Every field of every exported `…Options` / `…Overrides` type of an entry, with its doc and tags. */
function optionFields(file: string) {
  const module = checker.getSymbolAtLocation(program.getSourceFile(join(root, file))!)!;
  const fields: { name: string; doc: string; tags: string[] }[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    if (!/(Options|Overrides)$/.test(exported.name)) continue;
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    for (const property of checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))) {
      fields.push({
        name: `${exported.name}.${property.name}`,
        doc: ts.displayPartsToString(property.getDocumentationComment(checker)),
        tags: property.getJsDocTags(checker).map((tag) => tag.name),
      });
    }
  }
  return fields;
}

test('every field of the option types the entries export has a /** */ comment', () => {
  const undocumented: string[] = [];
  for (const [entry, file] of Object.entries(entries)) {
    const fields = optionFields(file);
    expect(fields.length, entry).toBeGreaterThan(0);
    undocumented.push(...fields.filter((field) => field.doc === '').map((field) => `${entry}: ${field.name}`));
  }
  expect(undocumented).toEqual([]);
});

test('the per-call overrides (timeoutMs, totalTimeoutMs, maxRetries) say what they default to', () => {
  // They default to the client's own setting, as RyvnCallOptions.orgId says with "@default the client's `orgId`".
  const missing = optionFields(entries.keycard!)
    .filter((field) => field.name.startsWith('CallOptions.') && !field.tags.includes('default'))
    .map((field) => field.name);
  expect(missing).toEqual([]);
});
