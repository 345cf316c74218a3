import { createHash } from 'node:crypto';
import type { ToolNameMap } from '../translation.js';

/** Chat Completions allows function names of up to 64 characters; Messages allows 128 (MCP names get long). */
export const CHAT_TOOL_NAME_LIMIT = 64;
const HASH_LENGTH = 8;

/**
 * The name to send to a Chat provider. Names within the limit are kept; longer ones become a prefix,
 * `_` and a short hash of the whole name, so two long names sharing a prefix stay distinct and the
 * same name gives the same result in every request (the tool list, the history and `tool_choice` of
 * every turn must agree).
 */
export function chatToolName(name: string): string {
  if (name.length <= CHAT_TOOL_NAME_LIMIT) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_LENGTH);
  return `${name.slice(0, CHAT_TOOL_NAME_LIMIT - HASH_LENGTH - 1)}_${hash}`;
}

/** Shortens a client's tool name and records the change (upstream name → client name) for the response side. */
export function shortenToolName(name: string, renamed: Map<string, string>): string {
  const upstreamName = chatToolName(name);
  if (upstreamName !== name) renamed.set(upstreamName, name);
  return upstreamName;
}

/** The name the client sent for a tool the upstream calls by `upstreamName`. */
export function clientToolName(upstreamName: string, toolNames: ToolNameMap): string {
  return toolNames.get(upstreamName) ?? upstreamName;
}

/** A called tool without a name gets this (Messages and Responses both require one); the client reports it unknown. */
export const UNNAMED_TOOL = 'unknown_tool';

/** The client's name for a tool the upstream called (shortened names restored), or UNNAMED_TOOL. */
export function calledToolName(upstreamName: unknown, toolNames: ToolNameMap): string {
  return typeof upstreamName === 'string' && upstreamName !== ''
    ? clientToolName(upstreamName, toolNames)
    : UNNAMED_TOOL;
}
