/**
 * The admin token of this tab: kept in `sessionStorage` (gone with the tab or
 * at sign-out), never in the URL. Storage may be blocked by privacy settings;
 * the token then lives in memory until a reload.
 * @packageDocumentation
 */

const TOKEN_KEY = 'consent-gate.dashboard.token';

/** Read, keep and forget the token. */
export interface TokenStore {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

/** The token store of this tab. */
export function createTokenStore(): TokenStore {
  let memory: string | null = null;
  try {
    memory = sessionStorage.getItem(TOKEN_KEY);
  } catch {}
  return {
    get: () => memory,
    set: (token) => {
      memory = token;
      try {
        sessionStorage.setItem(TOKEN_KEY, token);
      } catch {}
    },
    clear: () => {
      memory = null;
      try {
        sessionStorage.removeItem(TOKEN_KEY);
      } catch {}
    },
  };
}
