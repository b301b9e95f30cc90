// The smoke as a program for Node, Bun and Deno, run from a project that installed the packed
// tarball. `loopback <input JSON>` calls a sandbox the test runs; `own-sandbox` starts
// keycard/sandbox in this runtime, and the process must then exit by itself once it is stopped.
import process from 'node:process';
import { runSmoke, smokeInput, type SmokeInput } from './smoke';

const [mode, json] = process.argv.slice(2);
let input: SmokeInput;
let stop = async () => {};
if (mode === 'own-sandbox') {
  const { startSandbox } = await import('keycard/sandbox');
  const sandbox = await startSandbox();
  input = smokeInput(sandbox);
  stop = () => sandbox.stop();
} else {
  input = JSON.parse(json ?? '{}') as SmokeInput;
}
const result = await runSmoke(input);
await stop();
process.stdout.write(`${JSON.stringify(result)}\n`);
