import { currentFormatName, LEGACY_FORMAT_NAMES } from '../wire.js';
import { ConfigError } from './errors.js';

/**
 * Catalogs written before the wire formats had one vocabulary say `dialects: [openai, anthropic]`
 * (on a provider or an offer). They are still read: the key becomes `formats` and the values
 * `chat`, `messages`, before the schema sees them, and the file gets one deprecation note.
 */
export interface LegacyReading {
  /** The catalog in today's spelling (the input itself when it had nothing old). */
  data: unknown;
  /** One note naming the new spelling, when the file used an old one. */
  deprecation?: string;
}

const NEW_SPELLING = 'formats: [chat, messages]';

export function readLegacySpelling(raw: unknown, source: string): LegacyReading {
  if (!isPlainObject(raw)) return { data: raw };
  const found: string[] = [];
  const providers = mapEntries(raw.providers, (entry, name) =>
    modernize(entry, `providers.${name}`, source, found),
  );
  const models = mapEntries(raw.models, (model, modelId) =>
    isPlainObject(model)
      ? {
          ...model,
          offers: mapEntries(model.offers, (offer, provider) =>
            modernize(offer, `models.${modelId}.offers.${provider}`, source, found),
          ),
        }
      : model,
  );
  if (found.length === 0) return { data: raw };
  const data = {
    ...raw,
    ...(raw.providers !== undefined && { providers }),
    ...(raw.models !== undefined && { models }),
  };
  const first = found[0];
  const more = found.length > 1 ? ` and ${found.length - 1} more place(s)` : '';
  return {
    data,
    deprecation:
      `${source}: ${first}${more}: the old spelling "dialects: [openai, anthropic]" is still read, ` +
      `but deprecated: write "${NEW_SPELLING}"`,
  };
}

/** A provider or offer entry with `dialects` renamed `formats` and old values mapped; `found` gets its key. */
function modernize(entry: unknown, key: string, source: string, found: string[]): unknown {
  if (!isPlainObject(entry) || (entry.dialects === undefined && !hasOldValue(entry.formats))) return entry;
  if (entry.dialects !== undefined && entry.formats !== undefined) {
    throw new ConfigError(source, key, 'give "formats" only ("dialects" is its old name)');
  }
  const { dialects, ...rest } = entry;
  const listed = dialects ?? entry.formats;
  found.push(`${key}.${dialects !== undefined ? 'dialects' : 'formats'}`);
  return {
    ...rest,
    formats: Array.isArray(listed)
      ? listed.map((name) => (typeof name === 'string' ? currentFormatName(name) : name))
      : listed,
  };
}

function hasOldValue(list: unknown): boolean {
  return (
    Array.isArray(list) &&
    list.some((name) => typeof name === 'string' && Object.hasOwn(LEGACY_FORMAT_NAMES, name))
  );
}

/** A record with each value mapped; anything else (left to the schema to refuse) as it is. */
function mapEntries(value: unknown, map: (entry: unknown, key: string) => unknown): unknown {
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, map(entry, key)]));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
