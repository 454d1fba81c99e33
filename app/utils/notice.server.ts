import { createCookie, redirect } from "@remix-run/node";
import { env } from "./env.server";

/**
 * A one-time confirmation shown on the next page ("Report sent"), carried in a short-lived
 * cookie so it survives the redirect after a form post, with or without JavaScript.
 */
let madeNoticeCookie: ReturnType<typeof createCookie> | undefined;

function noticeCookie() {
  madeNoticeCookie ??= createCookie("holdfast_notice", {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: "/",
    maxAge: 60,
  });
  return madeNoticeCookie;
}

export async function redirectWithNotice(url: string, notice: string, init?: ResponseInit) {
  const headers = new Headers(init?.headers);
  headers.append("Set-Cookie", await noticeCookie().serialize(notice));
  return redirect(url, { ...init, headers });
}

/** The notice waiting for this request, and the header that clears it. */
export async function takeNotice(request: Request): Promise<{ notice: string | null; clearCookie: string | null }> {
  const notice = await noticeCookie().parse(request.headers.get("Cookie"));
  if (typeof notice !== "string") return { notice: null, clearCookie: null };
  return { notice, clearCookie: await noticeCookie().serialize("", { maxAge: 0 }) };
}
