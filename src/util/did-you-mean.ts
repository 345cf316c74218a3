/**
 * Longer inputs get no hint. The edit distance costs time in the product of the two lengths, on the
 * main thread: a 300 KB unknown model name froze the gateway for seconds. Real names are short.
 */
export const MAX_HINT_INPUT_CHARS = 256;

/** Edit distance (Levenshtein), small and allocation-light: used for "did you mean" hints only. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The known names closest to `input`, best first: those within a distance proportional to the
 * length, plus those that contain the input or are contained in it (so `sonnet-4` finds
 * `claude-sonnet-4`). None for inputs over MAX_HINT_INPUT_CHARS.
 */
export function closestMatches(input: string, known: Iterable<string>, limit = 3): string[] {
  if (input.length > MAX_HINT_INPUT_CHARS) return [];
  const needle = input.toLowerCase();
  const threshold = Math.max(2, Math.floor(needle.length / 3));
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of known) {
    const candidate = name.toLowerCase();
    const related = candidate.includes(needle) || needle.includes(candidate);
    // The distance is at least the difference in length: skip the quadratic work when that is too far.
    const reachable = Math.abs(candidate.length - needle.length) <= threshold;
    const distance = related || reachable ? editDistance(needle, candidate) : Number.POSITIVE_INFINITY;
    if (distance <= threshold || (related && needle.length >= 3)) {
      scored.push({ name, score: related ? Math.min(distance, threshold) - 0.5 : distance });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.name.length - b.name.length || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((entry) => entry.name);
}
