/**
 * Normalises volatile fields of wire output so recorded-shape fixtures compare exactly: ids become
 * `<prefix_N>` numbered by first appearance (so "same id" relations survive), timestamps `<ts>`,
 * obfuscation padding, signatures and encrypted blobs fixed placeholders.
 */

const ID_PATTERN =
  /\b(?:chatcmpl-[A-Za-z0-9]{8,}|gen-\d+-[A-Za-z0-9]{8,}|(?:msg|toolu|call|resp|fc|rs|req)_[A-Za-z0-9]{8,}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/g;

function prefixOf(id: string): string {
  if (id.startsWith('chatcmpl-')) return 'chatcmpl';
  if (id.startsWith('gen-')) return 'gen';
  const underscore = id.indexOf('_');
  return underscore > 0 && underscore < 6 ? id.slice(0, underscore) : 'uuid';
}

export function normalizeWire(text: string): string {
  const seen = new Map<string, string>();
  const counters = new Map<string, number>();
  return text
    .replace(ID_PATTERN, (id) => {
      let placeholder = seen.get(id);
      if (placeholder === undefined) {
        const prefix = prefixOf(id);
        const n = (counters.get(prefix) ?? 0) + 1;
        counters.set(prefix, n);
        placeholder = `<${prefix}_${n}>`;
        seen.set(id, placeholder);
      }
      return placeholder;
    })
    .replace(/"(created|created_at|completed_at)":(\s*)\d+/g, '"$1":$2"<ts>"')
    .replace(/"obfuscation":(\s*)"[^"]*"/g, '"obfuscation":$1"<obf>"')
    .replace(/"signature":(\s*)"[^"]+"/g, '"signature":$1"<sig>"')
    .replace(/"encrypted_content":(\s*)"[^"]+"/g, '"encrypted_content":$1"<enc>"');
}

/** Pretty JSON, normalised, for non-streaming fixtures. */
export function normalizeJson(value: unknown): string {
  return `${normalizeWire(JSON.stringify(value, null, 2))}\n`;
}
