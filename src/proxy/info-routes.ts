import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../net/http-json.js';
import type { GatewayState } from './gateway-state.js';

/** `GET /health`: liveness plus what an operator wants at a glance. Never shows a key. */
export function handleHealth(response: ServerResponse, state: GatewayState): void {
  const health = state.cooldowns.snapshot();
  const providers = Object.fromEntries(
    [...state.providers.values()].map((provider) => [
      provider.name,
      {
        configured: provider.configured,
        coolingDown: state.cooldowns.isCooling(provider.name),
        ...health[provider.name],
      },
    ]),
  );
  sendJson(response, 200, {
    status: 'ok',
    version: state.version,
    uptimeSeconds: Math.round((Date.now() - state.startedAt) / 1000),
    providers,
  });
}

/**
 * `GET /v1/models`: the catalog's models, in OpenAI's list shape, or Anthropic's when the request
 * carries `anthropic-version` (as Anthropic SDKs and Claude Code send).
 */
export function handleModels(request: IncomingMessage, response: ServerResponse, state: GatewayState): void {
  const models = state.catalog.models;
  if (request.headers['anthropic-version']) {
    const data = models.map((model) => ({
      type: 'model',
      id: model.id,
      display_name: model.id,
      created_at: new Date(state.startedAt).toISOString(),
    }));
    sendJson(response, 200, {
      data,
      has_more: false,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
    });
    return;
  }
  const created = Math.floor(state.startedAt / 1000);
  sendJson(response, 200, {
    object: 'list',
    data: models.map((model) => ({
      id: model.id,
      object: 'model',
      created,
      owned_by: model.offers[0]?.provider ?? 'ekai',
    })),
  });
}
