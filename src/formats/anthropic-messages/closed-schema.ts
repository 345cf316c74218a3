import { isRecord } from '../usage.js';

/** Keywords whose value is one subschema, or a list or map of them (JSON Schema 2020-12). */
const ONE = ['items', 'additionalItems', 'contains', 'not', 'if', 'then', 'else'];
const LIST = ['anyOf', 'allOf', 'oneOf', 'prefixItems'];
const MAP = ['properties', '$defs', 'definitions', 'patternProperties'];

/**
 * A schema Claude's structured outputs accept: every object schema says `additionalProperties:
 * false` (Anthropic refuses an open object there), added where the client left it out. Returns the
 * new schema and how many objects were closed, so the client can be told; a schema that was already
 * closed comes back as is.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/structured-outputs#json-schema-limitations
 */
export function closedSchema(schema: Record<string, unknown>): {
  schema: Record<string, unknown>;
  closed: number;
} {
  let closed = 0;
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (!isRecord(node)) return node;
    const out: Record<string, unknown> = { ...node };
    for (const key of ONE) if (key in out) out[key] = close(out[key]);
    for (const key of LIST) if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(close);
    for (const key of MAP) {
      const map = out[key];
      if (isRecord(map))
        out[key] = Object.fromEntries(Object.entries(map).map(([name, sub]) => [name, close(sub)]));
    }
    const isObject = out.type === 'object' || (Array.isArray(out.type) && out.type.includes('object'));
    if (isObject && out.additionalProperties !== false) {
      out.additionalProperties = false;
      closed++;
    }
    return out;
  };
  const result = close(schema) as Record<string, unknown>;
  return { schema: closed === 0 ? schema : result, closed };
}
