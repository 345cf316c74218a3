/**
 * Why a request cannot be routed. Each class has a stable `code` and the HTTP `status` the proxy
 * answers with; the proxy turns them into the client's error shape in one place (SPEC §5).
 */
export abstract class RoutingError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
}

/** The name is neither in the catalog, nor provider-prefixed, nor matched by a provider's pattern. */
export class ModelNotFoundError extends RoutingError {
  override readonly name = 'ModelNotFoundError';
  readonly status = 404;
  readonly code = 'model_not_found';

  constructor(
    readonly requested: string,
    /** Catalog ids and aliases close to the requested name, best first. */
    readonly suggestions: string[],
  ) {
    super(`model "${requested}" is not known${didYouMean(suggestions)}`);
  }
}

/** The `x-ekai-provider` header names a provider the catalog does not have. */
export class UnknownProviderError extends RoutingError {
  override readonly name = 'UnknownProviderError';
  readonly status = 400;
  readonly code = 'unknown_provider';

  constructor(
    readonly provider: string,
    readonly suggestions: string[],
    known: readonly string[],
  ) {
    super(
      `provider "${provider}" (x-ekai-provider header) is not known${didYouMean(suggestions)}` +
        ` (known: ${known.join(', ')})`,
    );
  }
}

/** Some provider could serve the model, but none of those has a key (SPEC §3: never tried). */
export class ProviderNotConfiguredError extends RoutingError {
  override readonly name = 'ProviderNotConfiguredError';
  readonly status = 400;
  readonly code = 'provider_not_configured';

  constructor(
    readonly requested: string,
    readonly providers: string[],
    /** The environment variables that would enable one of them, in ranking order. */
    readonly envVars: string[],
  ) {
    super(notConfiguredMessage(requested, providers, envVars));
  }
}

function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : '';
}

function notConfiguredMessage(requested: string, providers: string[], envVars: string[]): string {
  if (providers.length === 0) return `model "${requested}" has no provider to serve it`;
  const who =
    providers.length === 1
      ? `is offered by ${providers[0]}, which is not configured`
      : `is offered by ${providers.join(', ')}, but none is configured`;
  return `model "${requested}" ${who}: set ${envVars.join(' or ')}`;
}
