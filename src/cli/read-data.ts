import { readFile } from 'node:fs/promises';
import { UsageError } from './usage-error';

async function readSource(value: string, option: string, command: string): Promise<string> {
  if (!value.startsWith('@')) return value;
  const file = value.slice(1);
  try {
    return file === '-' ? await new Response(process.stdin as unknown as ReadableStream).text() : await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${option}: cannot read ${file === '-' ? 'stdin' : file}${code ? ` (${code})` : ''}`, command);
  }
}

/**
 * A JSON value given inline or as `@file` (`@-` for stdin). The parser's message is not repeated:
 * it quotes the text, which may hold a secret being written to the API.
 */
export async function readData(value: string, option: string, command: string): Promise<unknown> {
  const text = await readSource(value, option, command);
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${option} is not valid JSON${value.startsWith('@') ? ` (in ${value.slice(1)})` : ''}`, command);
  }
}
