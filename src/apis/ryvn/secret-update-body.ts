import { ConfigurationError } from '../../core/errors/configuration-error';
import { describe, knownKeys } from '../../core/util/validate';
import type { components } from './schema.gen';

/** What `updateSecret` changes. */
export interface SecretChanges {
  /** Key → value to set. Values are write-only: Ryvn never returns them. @default {} */
  add?: Readonly<Record<string, string>>;
  /** Keys to delete. @default [] */
  remove?: readonly string[];
}

/** Ryvn's limit on secret names. */
const maxNameLength = 63;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The body of `PATCH /v1/orgs/{orgId}/secrets/{secretName}`, checked before anything is sent. A
 * problem throws `ConfigurationError` naming the field; secret values never appear in it.
 */
export function secretUpdateBody(name: unknown, changes: unknown): components['schemas']['SecretUpdate'] {
  if (typeof name !== 'string' || name === '') {
    throw new ConfigurationError('name', `updateSecret() needs the secret's name, got ${describe(name)}`);
  }
  if (name.length > maxNameLength) {
    throw new ConfigurationError('name', `must be at most ${maxNameLength} characters, got ${name.length}`);
  }
  if (!isRecord(changes)) {
    throw new ConfigurationError('changes', `must be an object with \`add\` and \`remove\`, got ${describe(changes)}`);
  }
  knownKeys('updateSecret()', changes, ['add', 'remove']);
  const add = changes.add ?? {};
  if (!isRecord(add)) throw new ConfigurationError('add', `must be an object of key → value strings, got ${describe(add)}`);
  for (const [key, value] of Object.entries(add)) {
    if (key === '') throw new ConfigurationError('add', 'contains an empty key');
    // `typeof` only: describing the value could print a secret that was given as a number.
    if (typeof value !== 'string') throw new ConfigurationError(`add.${key}`, `must be a string, got ${typeof value}`);
  }
  const remove = changes.remove ?? [];
  if (!Array.isArray(remove)) throw new ConfigurationError('remove', `must be an array of keys, got ${describe(remove)}`);
  remove.forEach((key: unknown, index) => {
    if (typeof key !== 'string' || key === '') throw new ConfigurationError(`remove[${index}]`, `must be a non-empty key, got ${describe(key)}`);
  });
  const both = (remove as string[]).filter((key) => Object.hasOwn(add, key));
  if (both.length > 0) {
    const keys = both.map((key) => `\`${key}\``).join(', ');
    throw new ConfigurationError('remove', `${keys} ${both.length === 1 ? 'is' : 'are'} also in \`add\`; a key may be added or removed, not both`);
  }
  return { add: { ...(add as Record<string, string>) }, remove: [...(remove as string[])] };
}
