/**
 * Control characters: C0 (NUL…US, so ESC, CR, LF and TAB too), DEL, C1 (some terminals read 0x9B
 * as ESC [), and the Unicode line and paragraph separators.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/**
 * `text` safe to print on a terminal or in a log: each run of control characters becomes one space.
 * Model names, tags, client names and error messages come from clients and providers; printed raw,
 * an escape sequence could rewrite the screen, and a newline forge a log line.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, ' ');
}
