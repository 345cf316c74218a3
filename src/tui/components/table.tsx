import { Box, Text } from 'ink';
import { printable } from '../../util/printable.js';

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export interface Cell {
  text: string;
  color?: string;
  dim?: boolean;
  bold?: boolean;
  /** Runs on over the columns to its right (the row's last cell): a note under a row. */
  span?: boolean;
}

export const COLUMN_GAP = 2;

/**
 * Fit `text` into `width` columns: padded, or cut with an ellipsis. Every field the terminal views
 * print goes through here, so this is where client-supplied control characters are neutralised.
 */
export function padCell(raw: string, width: number, align: 'left' | 'right' = 'left'): string {
  const text = printable(raw);
  const cut = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
  return align === 'right' ? cut.padStart(width) : cut.padEnd(width);
}

/** A fixed-width table: widths are decided by the caller, so output is stable at any terminal size. */
export function Table({
  columns,
  rows,
}: {
  columns: readonly Column[];
  rows: ReadonlyArray<readonly Cell[]>;
}) {
  const gap = ' '.repeat(COLUMN_GAP);
  return (
    <Box flexDirection="column">
      <Text bold>
        {columns
          .map((column) => padCell(column.header, column.width, column.align))
          .join(gap)
          .trimEnd()}
      </Text>
      {rows.map((row, rowIndex) => (
        // Rows have no identity beyond their position in a static listing.
        // biome-ignore lint/suspicious/noArrayIndexKey: static rows
        <Text key={rowIndex}>
          {row.map((cell, index) => {
            const column = columns[index];
            if (!column) return null;
            const width = cell.span
              ? columns.slice(index).reduce((sum, next) => sum + next.width + COLUMN_GAP, -COLUMN_GAP)
              : column.width;
            const text = padCell(cell.text, width, column.align);
            const last = cell.span === true || index === columns.length - 1;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
              <Text key={index} color={cell.color} dimColor={cell.dim} bold={cell.bold}>
                {last ? text.trimEnd() : text + gap}
              </Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
}
