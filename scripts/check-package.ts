// Checks the package as users receive it: publint on the package, and
// @arethetypeswrong/cli on the packed tarball (types for every entry under ESM, CJS and bundlers).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
// Quiet when the package is sound (npm test's output is vitest's); the tools' full report when not.
const run = (command: string, args: string[]) => {
  try {
    execFileSync(command, args, { cwd: root, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    process.stderr.write(`${stdout}${stderr}`);
    throw new Error(`${command.split('/').at(-1)} found problems in the package (above)`);
  }
};

run(bin('publint'), ['--strict']);

const destination = mkdtempSync(join(tmpdir(), 'keycard-pack-'));
try {
  // dist/ is built by now (npm test builds first): skip prepack's second build.
  const output = execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', destination], { cwd: root }).toString();
  const tarball = output.trim().split('\n').at(-1)!;
  // The node16 profile checks ESM, CJS and bundler resolution; it leaves out TypeScript's legacy
  // `node10` mode, which cannot resolve any subpath export (`keycard/ryvn`) of any package.
  run(bin('attw'), [join(destination, tarball), '--profile', 'node16']);
  console.log('package checked: publint --strict and attw (node16 profile) found no problems');
} finally {
  rmSync(destination, { recursive: true, force: true });
}
