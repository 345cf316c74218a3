import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Model } from '../config/catalog.js';
import { sendJson } from '../net/http-json.js';
import { claudePickerId } from '../router/resolve.js';
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
 * carries `anthropic-version` (as Anthropic SDKs send, and Claude Code's model discovery:
 * `GET /v1/models?limit=1000`, https://code.claude.com/docs/en/llm-gateway-protocol, "Model
 * discovery"). Claude Code's picker keeps only ids that start with `claude` or `anthropic`, so the
 * Anthropic list also names every other model a configured provider serves under its picker alias
 * (`claude-ekai-gpt-6.2-sol`, see claudePickerId), which the router resolves back. Everything is
 * answered from memory: Claude Code gives discovery 3 seconds.
 */
export function handleModels(request: IncomingMessage, response: ServerResponse, state: GatewayState): void {
  const models = state.catalog.models;
  if (request.headers['anthropic-version']) {
    const createdAt = new Date(state.startedAt).toISOString();
    const entry = (id: string, name: string) => ({
      type: 'model',
      id,
      display_name: name,
      created_at: createdAt,
    });
    const data = [
      ...models.map((model) => entry(model.id, model.id)),
      ...models.flatMap((model) => {
        const alias = claudePickerId(model.id);
        return alias !== model.id && reachable(model, state) ? [entry(alias, `${model.id} (ekai)`)] : [];
      }),
    ];
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

/** Whether a configured provider offers the model: only those are worth a row in a picker. */
function reachable(model: Model, state: GatewayState): boolean {
  return model.offers.some((offer) => state.providers.get(offer.provider)?.configured === true);
}
