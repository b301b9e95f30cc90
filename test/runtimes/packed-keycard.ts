// Global set-up of the runtime smokes: `npm pack` (whose prepack builds dist/), then a project that
// installs the tarball as users do, with msw for keycard/sandbox. The smokes import keycard from it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A project with the packed keycard (and msw) installed in its node_modules. */
    consumerDir: string;
  }
}

const root = join(import.meta.dirname, '../..');

export default function setup(project: TestProject) {
  // While working on the smokes themselves: reuse a project that installed the tarball already.
  const reused = process.env.KEYCARD_PACKED_CONSUMER;
  if (reused !== undefined) {
    project.provide('consumerDir', reused);
    return;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'keycard-runtimes-'));
  const output = execFileSync('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' });
  const tarball = join(scratch, output.trim().split('\n').at(-1)!);
  const consumerDir = join(scratch, 'consumer');
  mkdirSync(consumerDir);
  const { devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  writeFileSync(
    join(consumerDir, 'package.json'),
    JSON.stringify({ name: 'keycard-consumer', private: true, type: 'module', dependencies: { keycard: `file:${tarball}`, msw: devDependencies.msw } }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], { cwd: consumerDir, stdio: 'inherit' });
  project.provide('consumerDir', consumerDir);
  return () => rmSync(scratch, { recursive: true, force: true });
}
