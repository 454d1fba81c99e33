import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from "./evidence.server";
import { FORM_LIMITS, formLimitBroken, type BrokenFormLimit } from "./form-limits";

/**
 * What every request must pass before any route sees it (docs/decisions/0019-request-guard.md):
 * a state-changing request must come from one of our own pages, carry a form the app can have
 * sent, and stay within limits that no field, name or list index can abuse. Each refusal is a
 * 4xx page that says why, decided in microseconds and without holding more than the limit.
 */

/** The most a file upload may send: every file at its limit, and room for the form around them. */
export const MAX_UPLOAD_BODY_BYTES = EVIDENCE_MAX_FILES * EVIDENCE_MAX_BYTES + 1024 * 1024;

/** An incident's own page takes screenshots; the paths' report routes that take files are named by the caller. */
const INCIDENT_PAGE = /^\/incidents\/[^/]+\/?$/;

function takesUploads(pathname: string, uploadAddresses: readonly string[]): boolean {
  return INCIDENT_PAGE.test(pathname) || uploadAddresses.includes(pathname.replace(/(.)\/$/, "$1"));
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface Refusal {
  status: 400 | 403 | 411 | 413 | 415;
  title: string;
  message: string;
}

const refusals = {
  crossSite: {
    status: 403,
    title: "This form was not sent from Holdfast",
    message:
      "Holdfast only accepts forms sent from its own pages, so another website cannot act in your name. " +
      "Go back to Holdfast, open the page again and send the form from there.",
  },
  notAForm: {
    status: 415,
    title: "This was not sent as a form",
    message: "Holdfast only accepts what its own forms send. Open the page again and send the form from there.",
  },
  lengthRequired: {
    status: 411,
    title: "The upload did not say how large it is",
    message: "Open the page again and choose the files once more.",
  },
  uploadTooLarge: {
    status: 413,
    title: "The files are too large to send together",
    message: "Send fewer files at a time, each no larger than the size the page gives.",
  },
  formTooLarge: {
    status: 413,
    title: "The form is too large",
    message: "One of the answers is far longer than any question accepts. Go back, shorten it and send the form again.",
  },
  malformed: {
    status: 400,
    title: "The form could not be read",
    message: "Holdfast could not read what was sent. Open the page again and send the form from there.",
  },
} satisfies Record<string, Refusal>;

const refusalFor: Record<BrokenFormLimit, Refusal> = {
  "too-large": refusals.formTooLarge,
  malformed: refusals.malformed,
};

/**
 * Whether a state-changing request was sent by a page of this site: its Origin must be ours, or,
 * when a browser sends none, Sec-Fetch-Site must say "same-origin". A Referer proves nothing (it
 * can be left out or chosen), and a request that proves neither is refused.
 */
export function isSameOriginRequest(request: Request, appOrigin: string): boolean {
  const origin = request.headers.get("Origin");
  if (origin !== null) return origin === appOrigin;
  return request.headers.get("Sec-Fetch-Site") === "same-origin";
}

/**
 * Checks a request before the app sees it. Returns the refusal to send, or the request to go on
 * with: for a urlencoded form, a copy holding the body already read (within the limit).
 */
export async function guardRequest(request: Request, options: { appOrigin: string; uploadAddresses: readonly string[] }): Promise<Request | Refusal> {
  const url = new URL(request.url);
  const queryProblem = formLimitBroken(url.searchParams);
  if (queryProblem) return refusalFor[queryProblem];
  if (SAFE_METHODS.has(request.method)) return request;
  if (!isSameOriginRequest(request, options.appOrigin)) return refusals.crossSite;

  const [mediaType, ...parameters] = (request.headers.get("Content-Type") ?? "").split(";");
  const contentType = mediaType.trim().toLowerCase();
  const declaredLength = request.headers.get("Content-Length");
  if (contentType === "multipart/form-data") {
    if (!takesUploads(url.pathname, options.uploadAddresses)) return refusals.notAForm;
    // Node stops reading a body at its Content-Length, so checking the header bounds the upload.
    if (declaredLength === null) return refusals.lengthRequired;
    if (Number(declaredLength) > MAX_UPLOAD_BODY_BYTES) return refusals.uploadTooLarge;
    return withBody(request, request.body, [contentType, ...parameters].join(";"));
  }
  const emptyBody = !request.body || declaredLength === "0";
  // An empty post (a bare button with no type to its body) is an empty form, as the app reads it.
  if (contentType === "" && emptyBody) return withBody(request, "", URLENCODED);
  if (contentType !== URLENCODED) return refusals.notAForm;
  if (declaredLength !== null && Number(declaredLength) > FORM_LIMITS.maxFormBytes) return refusals.formTooLarge;
  const body = await readAtMost(request, FORM_LIMITS.maxFormBytes);
  if (body === null) return refusals.formTooLarge;
  const fieldProblem = formLimitBroken(new URLSearchParams(new TextDecoder().decode(body)));
  if (fieldProblem) return refusalFor[fieldProblem];
  return withBody(request, body, URLENCODED);
}

const URLENCODED = "application/x-www-form-urlencoded";

/**
 * The request the app is given: the body read (or still to read), under its media type written
 * as the app's parsers expect it. They match it letter for letter, so `Application/X-WWW-Form-
 * Urlencoded`, which a browser never sends but a client may, would otherwise fail inside them.
 */
function withBody(request: Request, body: BodyInit | null, contentType: string): Request {
  const headers = new Headers(request.headers);
  headers.set("Content-Type", contentType);
  return new Request(request.url, { method: request.method, headers, body, signal: request.signal, duplex: "half" } as RequestInit);
}

/** The whole body, or null as soon as it passes `limit` bytes (the rest is never held). */
async function readAtMost(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * A refusal as a small page of its own: it is decided before the app runs, so it cannot use the
 * app's layout, but it says what happened and the way back, in the app's plain words.
 */
export function refusalResponse(refusal: Refusal, nonce: string): Response {
  const page = `<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(refusal.title)} · Holdfast</title>
<style nonce="${nonce}">body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0b0c0c}a{color:#1d4ed8}</style>
</head><body><main><h1>${escapeHtml(refusal.title)}</h1><p>${escapeHtml(refusal.message)}</p>
<p><a href="/">Go to the Holdfast home page</a></p></main></body></html>`;
  return new Response(page, {
    status: refusal.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
