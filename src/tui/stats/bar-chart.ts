const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * Vertical bars, `height` rows tall, in eighths of a row: returns the rows top first, each
 * `values.length * slot` characters wide (bar of `slot - 1` cells, one blank between bars).
 * Any value above zero shows at least ▁, so a cheap hour is not drawn as an idle one.
 */
export function verticalBars(values: readonly number[], height: number, slot: number): string[] {
  const max = Math.max(0, ...values);
  const barWidth = Math.max(1, slot - 1);
  const spacing = ' '.repeat(slot - barWidth);
  const levels = values.map((value) =>
    value > 0 && max > 0 ? Math.max(1, Math.round((value / max) * height * 8)) : 0,
  );
  const rows: string[] = [];
  for (let row = 0; row < height; row++) {
    const floor = (height - 1 - row) * 8;
    const cells = levels.map((level) => {
      const eighths = Math.min(8, Math.max(0, level - floor));
      return (eighths === 0 ? ' ' : (LEVELS[eighths - 1] ?? ' ')).repeat(barWidth) + spacing;
    });
    rows.push(cells.join(''));
  }
  return rows;
}

/** Sum neighbours so that `values` fits in `width` cells: [1,2,3,4,5] in 3 → [3,7,5]. */
export function mergeToFit(values: readonly number[], width: number): { values: number[]; group: number } {
  const group = Math.max(1, Math.ceil(values.length / Math.max(1, width)));
  const merged: number[] = [];
  for (let start = 0; start < values.length; start += group) {
    merged.push(values.slice(start, start + group).reduce((sum, value) => sum + value, 0));
  }
  return { values: merged, group };
}
