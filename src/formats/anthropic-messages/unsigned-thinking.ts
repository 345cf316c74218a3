/**
 * The signature of a thinking block made from a Chat provider's reasoning text. Only Anthropic can
 * sign thinking; an empty signature marks the block as unsigned for anyone who reads it back. Such a
 * block must never be replayed to an Anthropic upstream (bug 8): drop it there.
 */
export const UNSIGNED_THINKING_SIGNATURE = '';
