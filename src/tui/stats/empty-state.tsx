import { Box, Text } from 'ink';
import { wrapWords } from '../format.js';

/** What a fresh database shows: no zeros pretending to be data, but how to get some. */
export function EmptyState({
  label,
  proxyUrl,
  columns,
}: {
  label: string;
  proxyUrl: string;
  columns: number;
}) {
  return (
    <Box flexDirection="column">
      <Text bold>{wrapWords(`No requests yet (${label}) — point a client at ${proxyUrl}`, columns)}</Text>
      <Text dimColor>{`  OpenAI SDKs, Codex    OPENAI_BASE_URL=${proxyUrl}/v1`}</Text>
      <Text dimColor>{`  Anthropic SDKs        ANTHROPIC_BASE_URL=${proxyUrl}`}</Text>
      <Text dimColor>{'  Claude Code           ekai claude'}</Text>
      <Text>{wrapWords('Requests show up here as the gateway (ekai serve) records them.', columns)}</Text>
    </Box>
  );
}
