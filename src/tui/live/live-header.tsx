import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { LiveInfo } from './types.js';

const LABEL_WIDTH = 13;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text>
      <Text dimColor>{`  ${label}`.padEnd(LABEL_WIDTH)}</Text>
      {children}
    </Text>
  );
}

/** Printed once above the request log: where to point clients and which providers have keys. */
export function LiveHeader({ info }: { info: LiveInfo }) {
  const configured = info.providers
    .filter((provider) => provider.configured)
    .map((provider) => provider.name);
  const missing = info.providers.filter((provider) => !provider.configured).map((provider) => provider.name);
  return (
    <Box flexDirection="column" marginBottom={1}>
      <Text>
        <Text bold>{`ekai ${info.version}`}</Text>
        <Text dimColor> · gateway listening</Text>
      </Text>
      <Row label="proxy">
        <Text color="cyan">{info.urls.proxy}</Text>
        <Text dimColor>{'  OpenAI SDKs: add /v1 · Anthropic SDKs: as is'}</Text>
      </Row>
      {info.urls.dashboard ? (
        <Row label="dashboard">
          <Text color="cyan">{info.urls.dashboard}</Text>
        </Row>
      ) : null}
      <Row label="providers">
        {configured.length > 0 ? (
          <Text color="green">{configured.join(', ')}</Text>
        ) : (
          <Text color="yellow">none configured: set a provider API key</Text>
        )}
      </Row>
      {missing.length > 0 ? (
        <Row label="no key">
          <Text dimColor>{missing.join(', ')}</Text>
        </Row>
      ) : null}
      {info.configFile ? (
        <Row label="config">
          <Text dimColor>{info.configFile}</Text>
        </Row>
      ) : null}
    </Box>
  );
}
