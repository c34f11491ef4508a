import { ApiError } from '../services/http';

/** The server's Chinese message when there is one; otherwise the page's own fallback. */
export function errorMessage(err: unknown, fallback: string): string {
  return err instanceof ApiError && err.message ? err.message : fallback;
}
