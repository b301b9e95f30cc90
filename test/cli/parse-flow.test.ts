import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { flagOf, parseFlow } from '../../src/cli/parse-flow';
import type { CliFlow } from '../../src/core/client/cli-definition';

const generate: CliFlow = {
  summary: 'Generates',
  method: 'generateDocument',
  options: { templateId: { description: 'the template', required: true }, variables: { description: 'vars', json: true } },
  wait: { method: 'waitForJob', id: 'jobId', status: 'status' },
};
const run: CliFlow = { summary: 'Runs', method: 'runRiver', arguments: ['riverId'] };

describe('parseFlow', () => {
  test('a field is typed as a kebab-case flag', () => {
    expect(flagOf('templateId')).toBe('template-id');
  });

  test('named options become the one object the method takes, JSON ones parsed, and --wait is read', async () => {
    expect(await parseFlow(generate, ['--template-id', 'tpl', '--variables', '{"n":1}', '--wait'], 'c')).toEqual({
      args: [{ templateId: 'tpl', variables: { n: 1 } }],
      wait: true,
    });
  });

  test('a JSON option may come from a file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keycard-cli-')), 'variables.json');
    writeFileSync(file, '{"from":"file"}');
    expect((await parseFlow(generate, ['--template-id', 'tpl', '--variables', `@${file}`], 'c')).args).toEqual([{ templateId: 'tpl', variables: { from: 'file' } }]);
  });

  test('positional arguments are passed in order, with no options object when the flow declares none', async () => {
    expect(await parseFlow(run, ['river1'], 'c')).toEqual({ args: ['river1'], wait: false });
  });

  test('a missing required option, a wrong number of arguments, --wait on a flow without a wait and JSON that does not parse are usage errors', async () => {
    await expect(parseFlow(generate, [], 'c')).rejects.toThrow('--template-id is required: the template');
    await expect(parseFlow(run, [], 'c')).rejects.toThrow('expected <riverId>, got none');
    await expect(parseFlow(run, ['river1', '--wait'], 'c')).rejects.toThrow(/--wait/);
    await expect(parseFlow(generate, ['--template-id', 't', '--variables', '{"secret":"s3cr3t"'], 'c')).rejects.toThrow(/^--variables is not valid JSON$/);
  });
});
