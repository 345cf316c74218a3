import { shortenToolName } from './tool-names.js';

/** Records a note on what a converter dropped or changed. */
export type Warn = (warning: string) => void;

/** What a Chat request converter (from Messages or from Responses) collects while it writes the request. */
export interface ChatRequestNotes {
  /** The warnings so far, each once, in the order they were given. */
  warnings: Set<string>;
  warn: Warn;
  /** Shortened tool names: upstream name → client name (the translation's `toolNames`). */
  renamed: Map<string, string>;
  /** The name a client's tool is sent under. */
  toolName: (name: string) => string;
}

/**
 * A fresh warnings collector and tool-name shortener for one request. `shortenNames` is false when
 * the Chat request is not sent to a Chat provider (the Responses → Messages path goes through Chat,
 * and Messages takes long names): names are then kept as they are.
 */
export function chatRequestNotes(shortenNames: boolean): ChatRequestNotes {
  const warnings = new Set<string>();
  const renamed = new Map<string, string>();
  return {
    warnings,
    warn: (warning) => warnings.add(warning),
    renamed,
    toolName: shortenNames ? (name) => shortenToolName(name, renamed) : (name) => name,
  };
}
