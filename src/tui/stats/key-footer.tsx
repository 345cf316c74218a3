import { Text } from 'ink';
import { parseRange } from '../../storage/range.js';
import type { RangePreset } from './range-keys.js';

const KEYS: ReadonlyArray<{ key: string; preset: RangePreset }> = [
  { key: '1', preset: '24h' },
  { key: '2', preset: '7d' },
  { key: '3', preset: '30d' },
];

/** "1 24h  2 7d  3 30d  (or d w m)  q quit", the range on show highlighted. */
export function KeyFooter({ label }: { label: string }) {
  return (
    <Text>
      {KEYS.map(({ key, preset }) => {
        const active = parseRange(preset).label === label;
        return (
          <Text key={key}>
            <Text bold>{key}</Text>
            <Text inverse={active} color={active ? 'cyan' : undefined}>{` ${preset} `}</Text>
            {'  '}
          </Text>
        );
      })}
      <Text dimColor>{'(or d w m)  '}</Text>
      <Text bold>q</Text>
      <Text> quit</Text>
    </Text>
  );
}
