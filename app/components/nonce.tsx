import { createContext, useContext } from "react";

/**
 * The answer's Content-Security-Policy nonce, given by entry.server to the scripts Remix writes
 * inline. In the browser it is empty: the scripts have run, and browsers hide nonces from pages.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}
