import type { z } from 'zod';
import { closestMatches } from '../util/did-you-mean.js';
import { ConfigError, formatKeyPath } from './errors.js';

/** Parse `value` with `schema`, or throw a ConfigError naming the source, the first bad key and why. */
export function parseOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  source: string,
  keyPrefix: ReadonlyArray<PropertyKey> = [],
): z.infer<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ConfigError(source, formatKeyPath(keyPrefix), 'invalid value');
  const path = [...keyPrefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const siblings = knownKeys(schema, issue.path);
    const [hint] = closestMatches(key, siblings, 1);
    const reason = hint
      ? `unknown key (did you mean ${hint}?)`
      : `unknown key (known: ${siblings.join(', ')})`;
    throw new ConfigError(source, formatKeyPath([...path, key]), reason);
  }
  throw new ConfigError(source, formatKeyPath(path), describeIssue(issue, value, issue.path));
}

function describeIssue(issue: z.core.$ZodIssue, root: unknown, path: ReadonlyArray<PropertyKey>): string {
  const got = valueAt(root, path);
  const expected = issue.message.replace(/^Invalid input: /, '').replace(/, received \w+$/, '');
  if (got === undefined) return `missing (${expected})`;
  return `${expected} (got ${JSON.stringify(got)})`;
}

/** The keys a strict object schema allows at `path` (for "did you mean" hints). */
function knownKeys(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let current: unknown = schema;
  for (const part of path) {
    current = unwrap(current);
    const shape = (current as { shape?: Record<string, unknown> }).shape;
    const valueType = (current as { def?: { valueType?: unknown } }).def?.valueType;
    current = shape ? shape[String(part)] : valueType;
  }
  const shape = (unwrap(current) as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Look through optional/default/nullable wrappers to the schema inside. */
function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { innerType?: unknown } } | undefined;
  while (current?.def?.innerType) current = current.def.innerType as typeof current;
  return current;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current = root;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}
