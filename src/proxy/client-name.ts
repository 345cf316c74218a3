/** Known clients by user-agent prefix, most specific first. */
const CLIENTS: ReadonlyArray<[pattern: RegExp, name: string]> = [
  [/^claude-cli\b/i, 'claude-cli'],
  [/^codex/i, 'codex'],
  [/^OpenAI\/JS\b/i, 'openai-sdk'],
  [/^OpenAI\/Python\b/i, 'openai-python'],
  [/^Anthropic\/JS\b/i, 'anthropic-sdk'],
  [/^Anthropic\/Python\b/i, 'anthropic-python'],
  [/^curl\//i, 'curl'],
];

/** A short client name for the usage record: claude-cli, codex, openai-sdk, … or the first product token. */
export function clientNameOf(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  for (const [pattern, name] of CLIENTS) if (pattern.test(userAgent)) return name;
  const product = userAgent.split(/[\s/]/)[0]?.slice(0, 40);
  return product ? product.toLowerCase() : null;
}
