/**
 * The bearer token the explorer sends with every request, for servers that need one to read or
 * to write (saving investigations, judging duplicates). Kept in sessionStorage so that it lasts
 * for the tab and never reaches a shared link; a token typed in one tab is not sent from another.
 */
const STORAGE_KEY = 'threadline.token';

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage disabled by the browser's privacy settings
  }
}

export function readAccessToken(): string | null {
  const token = storage()?.getItem(STORAGE_KEY)?.trim();
  return token ? token : null;
}

/** Stores a token for this tab; an empty or null token forgets it. */
export function writeAccessToken(token: string | null): void {
  const trimmed = token?.trim();
  if (trimmed) storage()?.setItem(STORAGE_KEY, trimmed);
  else storage()?.removeItem(STORAGE_KEY);
}

/** The Authorization header for the stored token, or none. */
export function authorizationHeader(token: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
