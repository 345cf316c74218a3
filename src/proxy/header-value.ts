/**
 * A value ekai puts in a response header, made safe to send: Node throws on control characters and
 * on anything beyond Latin-1 (a model named `gpt-4o-中文` or holding NUL would turn a served answer
 * into a 500 with nothing recorded). Such a value is percent-encoded (as `encodeURIComponent` does),
 * which keeps it readable and reversible; plain values are sent as they are.
 */
export function headerValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}
