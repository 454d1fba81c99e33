import { describe, expect, it } from "vitest";
import { safeRedirect } from "../../app/utils/auth.server";
import { FORM_LIMITS } from "../../app/utils/form-limits";
import { guardRequest, MAX_UPLOAD_BODY_BYTES, refusalResponse, type Refusal } from "../../app/utils/request-guard.server";
import { contentSecurityPolicy } from "../../app/utils/security-headers.server";

const APP = "http://holdfast.test";
/** As app/server.ts gives it: the app origin, and the report routes that take files (the paths' registry lists them). */
const GUARD = { appOrigin: APP, uploadAddresses: ["/report/abuse/screenshots"] };

function post(path: string, body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(`${APP}${path}`, {
    method: "POST",
    body,
    headers: { Origin: APP, "Content-Type": "application/x-www-form-urlencoded", ...headers },
  });
}

async function statusOf(request: Request): Promise<number | "passed"> {
  const result = await guardRequest(request, GUARD);
  return result instanceof Request ? "passed" : result.status;
}

describe("a state-changing request must come from one of our own pages", () => {
  it("takes a form whose Origin is the app's, and gives the app the same body", async () => {
    const result = await guardRequest(post("/report/mistaken-post", "platform=Facebook&account=%40eastbridge"), GUARD);
    expect(result).toBeInstanceOf(Request);
    const form = await (result as Request).formData();
    expect(form.get("platform")).toBe("Facebook");
    expect(form.get("account")).toBe("@eastbridge");
  });

  it("refuses another site's Origin, a null Origin, and a request that proves nothing, whatever its Referer", async () => {
    expect(await statusOf(post("/report/mistaken-post", "a=1", { Origin: "http://evil.test" }))).toBe(403);
    expect(await statusOf(post("/report/mistaken-post", "a=1", { Origin: "null" }))).toBe(403);
    expect(await statusOf(post("/report/mistaken-post", "a=1", { Origin: "http://holdfast.test.evil.test" }))).toBe(403);
    const refererOnly = new Request(`${APP}/sign-out`, { method: "POST", headers: { Referer: "http://evil.test/page" } });
    expect(await statusOf(refererOnly)).toBe(403);
    const sameSiteReferer = new Request(`${APP}/sign-out`, { method: "POST", headers: { Referer: `${APP}/` } });
    expect(await statusOf(sameSiteReferer)).toBe(403);
  });

  it("trusts Sec-Fetch-Site only when it says same-origin", async () => {
    const fetchSite = (value: string) =>
      new Request(`${APP}/sign-out`, { method: "POST", headers: { "Sec-Fetch-Site": value } });
    expect(await statusOf(fetchSite("same-origin"))).toBe("passed");
    expect(await statusOf(fetchSite("same-site"))).toBe(403);
    expect(await statusOf(fetchSite("cross-site"))).toBe(403);
    expect(await statusOf(fetchSite("none"))).toBe(403);
  });

  it("lets reads through whatever their origin", async () => {
    expect(await statusOf(new Request(`${APP}/incidents`, { headers: { Origin: "http://evil.test" } }))).toBe("passed");
  });
});

describe("only what our forms send is read", () => {
  it("answers 415 to JSON, plain text and unknown types, and to an upload where nothing is uploaded", async () => {
    expect(await statusOf(post("/report/mistaken-post", '{"platform":"x"}', { "Content-Type": "application/json" }))).toBe(415);
    expect(await statusOf(post("/report/mistaken-post", "{not json", { "Content-Type": "application/json" }))).toBe(415);
    expect(await statusOf(post("/sign-in", "email=a", { "Content-Type": "text/plain" }))).toBe(415);
    expect(await statusOf(post("/admin/people/17", "x", { "Content-Type": "application/xml" }))).toBe(415);
    const form = new FormData();
    form.set("password", "../../../etc/passwd");
    expect(await statusOf(post("/sign-in", form, { "Content-Type": "" }))).toBe(415);
  });

  it("takes uploads on the evidence forms only, of a declared size within the limit", async () => {
    const upload = (path: string, length: string | null) => {
      const headers: Record<string, string> = { "Content-Type": "multipart/form-data; boundary=x" };
      if (length !== null) headers["Content-Length"] = length;
      return post(path, "--x--", headers);
    };
    expect(await statusOf(upload("/report/abuse/screenshots", "5"))).toBe("passed");
    expect(await statusOf(upload("/report/abuse/screenshots/", "5"))).toBe("passed");
    expect(await statusOf(upload("/report/abuse", "5"))).toBe(415);
    expect(await statusOf(upload("/incidents/HF-2026-0001", "5"))).toBe("passed");
    expect(await statusOf(upload("/incidents/HF-2026-0001/evidence", "5"))).toBe(415);
    expect(await statusOf(upload("/report/abuse/screenshots", String(MAX_UPLOAD_BODY_BYTES + 1)))).toBe(413);
  });

  it("hands the app a form's type as its parsers expect it, whatever its case, keeping an upload's boundary", async () => {
    const shouted = await guardRequest(post("/sign-in", "email=a", { "Content-Type": "Application/X-WWW-Form-Urlencoded" }), GUARD);
    expect((shouted as Request).headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
    expect((await (shouted as Request).formData()).get("email")).toBe("a");
    const form = new FormData();
    form.set("notes", "kept");
    const encoded = new Request(`${APP}/report/abuse/screenshots`, { method: "POST", body: form });
    const body = await encoded.arrayBuffer();
    const type = encoded.headers.get("Content-Type")!.replace("multipart/form-data", "Multipart/Form-Data");
    const upload = await guardRequest(post("/report/abuse/screenshots", body, { "Content-Type": type, "Content-Length": String(body.byteLength) }), GUARD);
    expect((upload as Request).headers.get("Content-Type")).toMatch(/^multipart\/form-data; ?boundary=/);
    expect((await (upload as Request).formData()).get("notes")).toBe("kept");
  });

  it("takes an empty post, as a sign-out button sends, as an empty form the app can read", async () => {
    const result = await guardRequest(new Request(`${APP}/sign-out`, { method: "POST", headers: { Origin: APP } }), GUARD);
    expect(result).toBeInstanceOf(Request);
    expect([...(await (result as Request).formData()).keys()]).toEqual([]);
  });
});

describe("limits no field can abuse", () => {
  it("refuses a list index that would make the form parser allocate, in the body or the query string, at once", async () => {
    const started = performance.now();
    expect(await statusOf(post("/sign-in", "x[2000000]=1"))).toBe(400);
    expect(await statusOf(post("/incidents", "kinds[100000]=hate"))).toBe(400);
    expect(await statusOf(post("/incidents", "tasks[0].owner[99999999999999999999]=1"))).toBe(400);
    expect(await statusOf(new Request(`${APP}/incidents?kinds[100000]=hate`))).toBe(400);
    // Microseconds each; the bound only says it did not parse a list of a million entries.
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await statusOf(post("/crisis", "tasks[99].owner=1&kinds[]=hate&plan.channels[0]=2"))).toBe("passed");
  });

  it("refuses the other ways conform could be made to allocate a list or parse JSON: digit fields and its own reserved names", async () => {
    expect(await statusOf(post("/sign-in", "x[0]=1&x.2000000=1"))).toBe(400);
    expect(await statusOf(post("/incidents", "kinds[0]=a&kinds.100000=a"))).toBe(400);
    const insert = JSON.stringify({ type: "update", payload: { name: "kinds", index: 100000, value: "a" } });
    expect(await statusOf(post("/sign-in", new URLSearchParams({ __intent__: insert }).toString()))).toBe(400);
    expect(await statusOf(post("/sign-in", "__state__=x"))).toBe(400);
    expect(await statusOf(post("/sign-in", "__proto__[polluted]=1"))).toBe(400);
    expect(await statusOf(post("/sign-in", "a.constructor.prototype=1"))).toBe(400);
    expect(await statusOf(post("/sign-in", "a%20b=1"))).toBe(400);
    expect(await statusOf(new Request(`${APP}/incidents?kinds.100000=hate`))).toBe(400);
  });

  it("refuses an over-long name, too many fields, an over-long field and an over-large body, before reading past the limit", async () => {
    expect(await statusOf(post("/sign-in", `${"n".repeat(FORM_LIMITS.maxFieldNameLength + 1)}=1`))).toBe(400);
    const manyFields = Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, index) => `f${index}=1`).join("&");
    expect(await statusOf(post("/sign-in", manyFields))).toBe(413);
    expect(await statusOf(post("/sign-in", `what=${"a".repeat(FORM_LIMITS.maxFieldCharacters + 1)}`))).toBe(413);
    expect(await statusOf(post("/sign-in", `what=${"a".repeat(FORM_LIMITS.maxFieldCharacters)}`))).toBe("passed");
    // 25 MB streamed with no Content-Length: refused once the limit is passed, the rest never read.
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new TextEncoder().encode("a".repeat(64 * 1024)));
        if (sent >= 25 * 1024 * 1024) controller.close();
      },
    });
    const streamed = new Request(`${APP}/report/mistaken-post`, {
      method: "POST",
      body: endless,
      headers: { Origin: APP, "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    expect(await statusOf(streamed)).toBe(413);
    expect(sent).toBeLessThan(2 * FORM_LIMITS.maxFormBytes);
    expect(await statusOf(post("/sign-in", "a=1", { "Content-Length": String(FORM_LIMITS.maxFormBytes + 1) }))).toBe(413);
  });
});

describe("a refusal", () => {
  it("is a page that says why, escaped, never cached, whose style carries the answer's nonce", async () => {
    const refusal: Refusal = { status: 403, title: "Not <here>", message: "Because & so" };
    const response = refusalResponse(refusal, "abc123");
    expect(response.status).toBe(403);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const page = await response.text();
    expect(page).toContain("<h1>Not &#60;here&#62;</h1>");
    expect(page).toContain("Because &#38; so");
    expect(page).toContain('<style nonce="abc123">');
  });
});

describe("the Content-Security-Policy", () => {
  it("runs only this site's scripts and those with the nonce, and lets nothing frame a page", () => {
    const policy = contentSecurityPolicy("n0nce", { development: false });
    expect(policy).toContain("script-src 'self' 'nonce-n0nce'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("form-action 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).not.toContain("ws:");
    expect(contentSecurityPolicy("n0nce", { development: true })).toContain("connect-src 'self' ws:");
  });
});

describe("after signing in, a person goes only to a page of this site", () => {
  it.each([
    // Still encoded, a path on this site; decoded (as a query parameter would be), another site.
    ["/%09/evil.test/x", "/%09/evil.test/x"],
    ["/\t/evil.test/x", "/"],
    ["/\n/evil.test", "/"],
    ["/\r\n/evil.test", "/"],
    ["//evil.test/x", "/"],
    ["/.//evil.test/x", "/"],
    ["/a/..//evil.test", "/"],
    ["/./\\evil.test", "/"],
    ["/\\evil.test", "/"],
    ["https://evil.test/", "/"],
    ["javascript:alert(1)", "/"],
    ["incidents", "/"],
    ["", "/"],
  ])("%j goes to %j", (target, expected) => {
    expect(safeRedirect(target)).toBe(expected);
  });

  it("keeps the path, query and fragment of a page on this site, encoded so it is always a valid header", () => {
    expect(safeRedirect("/incidents?service=Place&sort=oldest#list")).toBe("/incidents?service=Place&sort=oldest#list");
    expect(safeRedirect("/incidents/HF-2026-0001")).toBe("/incidents/HF-2026-0001");
    expect(safeRedirect("/search\u3000x")).toBe("/search%E3%80%80x");
    expect(() => new Headers({ Location: safeRedirect("/a\u3000b?c=\u3000") })).not.toThrow();
    expect(safeRedirect(null)).toBe("/");
  });
});
