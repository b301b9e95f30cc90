import { parseArgs } from 'node:util';
import type { CliFlow } from '../core/client/cli-definition';
import { readData } from './read-data';
import { UsageError } from './usage-error';

/** A flow's arguments, ready for its method. */
export interface FlowArguments {
  /** The method's leading arguments: the positional ones, then the named options as one object. */
  args: unknown[];
  wait: boolean;
}

/** `templateId` → `template-id`: the flag of a field. */
export const flagOf = (field: string): string => field.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** Reads a flow's command line against what its provider declares. */
export async function parseFlow(flow: CliFlow, args: readonly string[], command: string): Promise<FlowArguments> {
  const fields = Object.entries(flow.options ?? {});
  const options: Record<string, { type: 'string' | 'boolean' }> = Object.fromEntries(fields.map(([field]) => [flagOf(field), { type: 'string' }]));
  if (flow.wait) options.wait = { type: 'boolean' };
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, command);
  }
  const names = flow.arguments ?? [];
  const { positionals, values } = parsed;
  if (positionals.length !== names.length) {
    const expected = names.length === 0 ? 'no arguments' : names.map((name) => `<${name}>`).join(' ');
    throw new UsageError(`expected ${expected}, got ${positionals.length === 0 ? 'none' : positionals.map((value) => `"${value}"`).join(' ')}`, command);
  }
  const input: Record<string, unknown> = {};
  for (const [field, option] of fields) {
    const value = values[flagOf(field)];
    if (typeof value !== 'string') {
      if (option.required) throw new UsageError(`--${flagOf(field)} is required: ${option.description}`, command);
      continue;
    }
    input[field] = option.json ? await readData(value, `--${flagOf(field)}`, command) : value;
  }
  return { args: fields.length === 0 ? [...positionals] : [...positionals, input], wait: values.wait === true };
}
