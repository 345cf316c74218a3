const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar of `fraction` × `width` cells, in eighths of a cell so small shares still show. */
export function horizontalBar(fraction: number, width: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, fraction)) * width * 8);
  const bar = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
  // Anything above zero gets at least a sliver: a provider with one cheap request is not nothing.
  return bar === '' && fraction > 0 ? '▏' : bar;
}
