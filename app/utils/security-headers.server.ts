import { randomBytes } from "node:crypto";

/** A fresh nonce for each answer: only scripts and styles carrying it may run inline. */
export function cspNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The Content-Security-Policy of every answer. Scripts and styles come from this site or carry
 * the answer's nonce (Remix writes its route data and module loader inline); nothing may frame
 * a page, forms only post here, and plugins and <base> are off. `remix dev` reloads the page
 * over a WebSocket, so development also allows that connection.
 */
export function contentSecurityPolicy(nonce: string, { development }: { development: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    // The dashboard's charts, drawn on the server, place their legends with style attributes;
    // an attribute can only style, never run anything.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    development ? "connect-src 'self' ws:" : "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}
