// Checks the package as users receive it: publint on the package, and
// @arethetypeswrong/cli on the packed tarball (types for every entry under ESM, CJS and bundlers).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

run(bin('publint'), ['--strict']);

const destination = mkdtempSync(join(tmpdir(), 'keycard-pack-'));
try {
  const output = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: root }).toString();
  const tarball = output.trim().split('\n').at(-1)!;
  // The node16 profile checks ESM, CJS and bundler resolution; it leaves out TypeScript's legacy
  // `node10` mode, which cannot resolve any subpath export (`keycard/ryvn`) of any package.
  run(bin('attw'), [join(destination, tarball), '--profile', 'node16']);
} finally {
  rmSync(destination, { recursive: true, force: true });
}
