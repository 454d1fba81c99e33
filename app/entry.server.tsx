import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { NonceContext } from "./components/nonce";

/**
 * Every page is rendered whole, to one string. No route streams (there is no defer or Suspense),
 * so Remix's default streaming render only cut each page into 2 KB pieces, each compressed on
 * zlib's thread pool and written to the socket on its own: about twenty writes for the incident
 * list, a fifth of its time under load (docs/decisions/0015-pages-rendered-whole-and-lean-snapshots.md). One string
 * is one compression and one write.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const markup = renderToString(
    <NonceContext.Provider value={loadContext.cspNonce}>
      <RemixServer context={remixContext} url={request.url} nonce={loadContext.cspNonce} />
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${markup}`, { status: responseStatusCode, headers: responseHeaders });
}
