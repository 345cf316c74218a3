/** A failed API call: `status` 0 when the server could not be reached at all. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * GET a JSON route of the dashboard (same origin: the session cookie goes along).
 * @template T
 * @param {string} path
 * @returns {Promise<T>}
 */
export async function getJson(path) {
  let response;
  try {
    response = await fetch(path, { cache: 'no-store', headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0, 'the dashboard server cannot be reached');
  }
  if (!response.ok) {
    /** @type {{error?: {message?: string}} | null} */
    const body = await response.json().catch(() => null);
    throw new ApiError(response.status, body?.error?.message ?? `HTTP ${response.status}`);
  }
  return /** @type {Promise<T>} */ (response.json());
}
