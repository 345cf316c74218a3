import { isPostgresUrl } from '../config/paths.js';

export { isPostgresUrl } from '../config/paths.js';

/** The location for logs and banners: a URL loses its password (in the user part or the query). */
export function describeLocation(location: string): string {
  if (!isPostgresUrl(location)) return location;
  try {
    const url = new URL(location.trim());
    if (url.password) url.password = '***';
    if (url.searchParams.has('password')) url.searchParams.set('password', '***');
    return url.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
