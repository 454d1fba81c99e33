// Remix's Express adapter keeps these two outside its index; they are the whole of the glue
// between an Express request and a Fetch Request, so the guard can stand between them.
import { createRemixRequest, sendRemixResponse } from "@remix-run/express/dist/server.js";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { RequestHandler } from "express";
import { guardRequest, refusalResponse } from "./request-guard.server";

/**
 * Serves the app: every request passes the guard first (same origin for anything that changes
 * state, forms within limits), then Remix handles it with the client's address and this
 * answer's CSP nonce in its load context. Nothing the app answers is kept by a browser or a
 * proxy unless the route says so: almost every page is about someone, or for someone signed in.
 */
export function holdfastRequestHandler(options: { build: ServerBuild; mode: string; appOrigin: string; uploadAddresses: readonly string[] }): RequestHandler {
  const handleRequest = createRequestHandler(options.build, options.mode);
  return async (req, res, next) => {
    try {
      const nonce: string = res.locals.cspNonce;
      const guarded = await guardRequest(createRemixRequest(req, res), options);
      const response =
        guarded instanceof Request
          ? await handleRequest(guarded, { clientAddress: req.ip ?? "", cspNonce: nonce })
          : refusalResponse(guarded, nonce);
      if (!response.headers.has("Cache-Control")) res.setHeader("Cache-Control", "no-store");
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}
