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
  run(bin('attw'), [join(destination, tarball)]);
} finally {
  rmSync(destination, { recursive: true, force: true });
}
