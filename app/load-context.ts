/** What the server (app/server.ts) hands every loader and action besides the request. */
declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The address the request came from, as Express sees it (TRUST_PROXY decides), for per-client limits. */
    clientAddress?: string;
    /** This answer's Content-Security-Policy nonce, which the inline scripts Remix writes must carry. */
    cspNonce?: string;
  }
}

export {};
