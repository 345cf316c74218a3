import type { ServerResponse } from 'node:http';
import { gauge, PROMETHEUS_CONTENT_TYPE, renderPrometheusText, type ScalarFamily } from '../metrics/index.js';
import { asGatewayError, sendError } from './errors.js';
import type { GatewayState } from './gateway-state.js';

/** `GET /metrics`: Prometheus text format; with --workers, every worker's metrics added up. */
export async function handleMetrics(response: ServerResponse, state: GatewayState): Promise<void> {
  try {
    const text = renderPrometheusText(await state.metrics.collect());
    response.writeHead(200, {
      'content-type': PROMETHEUS_CONTENT_TYPE,
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  } catch (error) {
    sendError(response, 'chat', asGatewayError(error));
  }
}

/** The gauges of this process, read at scrape time. */
export function gaugesOf(state: GatewayState): ScalarFamily[] {
  let streams = 0;
  for (const exchange of state.inFlight) if (exchange.stream) streams++;
  const cooldowns = state.cooldowns.snapshot();
  const configured = [...state.providers.values()].filter((provider) => provider.configured);
  return [
    gauge(
      'ekai_usage_records_set_aside',
      'Usage records the database refused since start, kept in its usage_dead_letter table instead (never blocking the others).',
      [],
      [{ labels: [], value: state.recorder.setAside ?? 0 }],
    ),
    gauge(
      'ekai_in_flight_requests',
      'Completion requests (chat, messages, responses) being served now.',
      [],
      [{ labels: [], value: state.inFlight.size }],
    ),
    gauge(
      'ekai_in_flight_streams',
      'Of the in-flight requests, those streamed.',
      [],
      [{ labels: [], value: streams }],
    ),
    gauge(
      'ekai_provider_cooling_down',
      'Configured providers being skipped after repeated failures: 1 when cooling down (with --workers: in how many workers).',
      ['provider'],
      configured.map((provider) => ({
        labels: [provider.name],
        value: state.cooldowns.isCooling(provider.name) ? 1 : 0,
      })),
    ),
    gauge(
      'ekai_provider_consecutive_failures',
      'Retryable failures in a row per configured provider (with --workers: summed over the workers).',
      ['provider'],
      configured.map((provider) => ({
        labels: [provider.name],
        value: cooldowns[provider.name]?.consecutiveFailures ?? 0,
      })),
    ),
    gauge(
      'ekai_worker_processes',
      'Gateway processes whose metrics this scrape adds up (1 without --workers).',
      [],
      [{ labels: [], value: 1 }],
    ),
  ];
}
