/** A price in USD per million tokens: two decimals, more only when needed (0.125), none from 100 up. */
export function formatPrice(price: number | null): string {
  if (price === null) return '?';
  if (price >= 100 && Number.isInteger(price)) return String(price);
  for (let decimals = 2; decimals < 4; decimals++) {
    const text = price.toFixed(decimals);
    if (Math.abs(Number(text) - price) < 1e-9) return text;
  }
  return price.toFixed(4);
}

/** Break `text` into lines of at most `width` columns at spaces (Ink's own wrap keeps the spaces). */
export function wrapWords(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
