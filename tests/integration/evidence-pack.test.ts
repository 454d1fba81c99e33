import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { and, asc, eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCustody } from "../../app/models/custody.server";
import { attachScreenshots } from "../../app/models/incidents.server";
import { loader as incidentLoader } from "../../app/routes/incidents.$reference";
import { loader as downloadEvidence } from "../../app/routes/incidents.$reference.evidence.$evidenceId";
import { loader as evidenceThumbnail } from "../../app/routes/incidents.$reference.evidence.$evidenceId.thumbnail";
import { loader as packPdf } from "../../app/routes/incidents.$reference.evidence-pack.pdf";
import { loader as packZip } from "../../app/routes/incidents.$reference.evidence-pack.zip";
import { commitSessionCookie, hashPassword, signIn } from "../../app/utils/auth.server";
import { db as appDb } from "../../app/utils/db.server";
import { receiveEvidenceUpload } from "../../app/utils/evidence.server";
import { custodyEvents, evidenceFiles, type Incident } from "../../db/schema";
import { DEMO_PEOPLE, demoEmail } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { makePng } from "../helpers/images";
import { reportAbuseAs } from "../helpers/staff-abuse";

/**
 * The evidence pack: a PDF anyone can read and a ZIP of the original files anyone can check with
 * sha256sum, both only for people who may see the incident, and every view or download of the
 * evidence written to the custody log.
 */

const PASSWORD = "evidence pack test password";
const FIXTURES = fileURLToPath(new URL("../fixtures/evidence/", import.meta.url));
const STANDARD_FONTS = fileURLToPath(new URL("../../node_modules/pdfjs-dist/standard_fonts/", import.meta.url));

let test: TestDatabase;
let incident: Incident;
/** What was uploaded, by original name. */
const uploaded = new Map<string, Buffer>();

async function cookieFor(key: string): Promise<string> {
  const person = DEMO_PEOPLE.find((candidate) => candidate.key === key)!;
  const result = await signIn(test.db, { email: demoEmail(person), password: PASSWORD }, new Date());
  if (!result.ok) throw new Error(`Could not sign in as ${key}`);
  return (await commitSessionCookie(result.token)).split(";")[0];
}

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<Response> | Response;

/** The loader's answer, or the Response it threw (a 404, or the redirect to sign in). */
async function call(loader: Loader, path: string, params: Record<string, string>, cookie: string): Promise<Response> {
  try {
    return await loader({ request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }), params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const pdfOf = (cookie: string) => call(packPdf as Loader, `/incidents/${incident.reference}/evidence-pack/pdf`, { reference: incident.reference }, cookie);
const zipOf = (cookie: string) => call(packZip as Loader, `/incidents/${incident.reference}/evidence-pack/zip`, { reference: incident.reference }, cookie);

function files() {
  return test.db.select().from(evidenceFiles).where(eq(evidenceFiles.incidentId, incident.id)).orderBy(asc(evidenceFiles.id)).all();
}

function custodyRows() {
  return test.db.select().from(custodyEvents).where(eq(custodyEvents.incidentId, incident.id)).orderBy(asc(custodyEvents.id)).all();
}

/** The text of every page of a PDF, as pdf.js reads it. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const document = await getDocument({ data: bytes, standardFontDataUrl: STANDARD_FONTS, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : "")).join(""));
  }
  await document.destroy();
  return pages.join("\n");
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

beforeAll(async () => {
  test = createTestDatabase({ passwordHash: await hashPassword(PASSWORD) });
  // The routes use the app's own database connection and evidence folder, configured from the environment.
  process.env.DATABASE_PATH = test.path;
  process.env.SESSION_SECRET = "s".repeat(32);
  incident = reportAbuseAs(test, "parks-officer");
  uploaded.set("Abuse – reply 1.png", makePng(40, 30));
  uploaded.set("police letter.pdf", readFileSync(`${FIXTURES}sample.pdf`));
  const form = new FormData();
  for (const [name, bytes] of uploaded) form.append("evidence", new File([new Uint8Array(bytes)], name));
  const upload = await receiveEvidenceUpload(new Request("http://localhost/upload", { method: "POST", body: form }));
  expect(upload.refusals).toEqual([]);
  const reporter = test.person("parks-officer");
  const outcome = attachScreenshots(test.db, {
    incident,
    expectedVersion: incident.version,
    user: { ...reporter, email: "", jobTitle: "", roles: ["staff"] },
    files: upload.files,
  });
  if (!outcome?.ok) throw new Error(`Could not attach the files: ${outcome?.message}`);
  incident = outcome.incident;
});
afterAll(() => {
  appDb().$client.close();
  test.close();
});

describe("the chain of custody of single files", () => {
  it("records a file download and a thumbnail view, with who and which file", async () => {
    const cookie = await cookieFor("hr");
    const [picture] = files();
    const params = { reference: incident.reference, evidenceId: String(picture.id) };
    expect((await call(downloadEvidence as Loader, `/incidents/${incident.reference}/evidence/${picture.id}`, params, cookie)).status).toBe(200);
    expect((await call(evidenceThumbnail as Loader, `/incidents/${incident.reference}/evidence/${picture.id}/thumbnail`, params, cookie)).status).toBe(200);
    const hr = test.person("hr");
    expect(custodyRows().map(({ evidenceFileId, action, personId }) => ({ evidenceFileId, action, personId }))).toEqual([
      { evidenceFileId: picture.id, action: "downloaded_file", personId: hr.id },
      { evidenceFileId: picture.id, action: "viewed_thumbnail", personId: hr.id },
    ]);
    expect(listCustody(test.db, incident.id).map(({ label, personName, fileName }) => ({ label, personName, fileName }))).toEqual([
      { label: "File downloaded", personName: hr.name, fileName: "Abuse – reply 1.png" },
      { label: "Thumbnail viewed", personName: hr.name, fileName: "Abuse – reply 1.png" },
    ]);
  });

  it("records nothing when there is nothing to serve (a PDF has no thumbnail)", async () => {
    const before = custodyRows().length;
    const pdf = files()[1];
    const params = { reference: incident.reference, evidenceId: String(pdf.id) };
    expect((await call(evidenceThumbnail as Loader, `/incidents/${incident.reference}/evidence/${pdf.id}/thumbnail`, params, await cookieFor("hr"))).status).toBe(404);
    expect(custodyRows()).toHaveLength(before);
  });
});

describe("the evidence pack as a PDF", () => {
  it("names the incident, every file with its full SHA-256, the timeline with hashes and the custody log, this download included", async () => {
    const response = await pdfOf(await cookieFor("head-parks"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${incident.reference}-evidence-pack.pdf"`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");

    const text = await pdfText(bytes);
    // Hashes are compared with all white space taken out, so a line break cannot hide a mismatch or fake a match.
    const compact = text.replace(/\s+/g, "");
    expect(text).toContain(incident.reference);
    expect(text).toContain(incident.title);
    expect(text).toContain("sha256sum");
    expect(text).toContain("certutil -hashfile");
    for (const file of files()) {
      expect(text).toContain(file.originalName);
      expect(compact).toContain(`SHA-256${file.sha256}`);
      expect(text).toContain(`${file.sizeBytes} bytes`);
    }
    const events = test.db.$client.prepare("select hash from incident_events where incident_id = ? order by sequence").all(incident.id) as { hash: string }[];
    expect(events.length).toBeGreaterThan(1);
    for (const event of events) expect(compact).toContain(`hash${event.hash}`);
    const head = test.person("head-parks");
    const hr = test.person("hr");
    expect(text).toContain(`Evidence pack downloaded (PDF) by ${head.name}`);
    expect(text).toContain(`Thumbnail viewed (file ${files()[0].id}: Abuse – reply 1.png) by ${hr.name}`);
    const last = custodyRows().at(-1)!;
    expect(last).toMatchObject({ action: "downloaded_pack_pdf", evidenceFileId: null, personId: head.id });
  });
});

describe("the original files as a ZIP", () => {
  it("holds every file byte for byte, with manifests that match the files and the database", async () => {
    const response = await zipOf(await cookieFor("parks-officer"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="${incident.reference}-evidence-files.zip"`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Cache-Control")).toContain("no-store");
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const rows = files();
    expect(Object.keys(entries).sort()).toEqual([...rows.map((row) => `files/${row.id}-${row.originalName === "police letter.pdf" ? "police_letter.pdf" : "Abuse_reply_1.png"}`), "manifest.json", "manifest.sha256"].sort());

    // manifest.sha256 in the format `sha256sum -c` reads: "<hash>  <path>", one line each.
    const lines = Buffer.from(entries["manifest.sha256"]).toString("utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(rows.length);
    for (const line of lines) {
      const [, hash, path] = /^([0-9a-f]{64}) {2}(files\/\S+)$/.exec(line)!;
      expect(sha256(entries[path])).toBe(hash);
    }

    const manifest = JSON.parse(Buffer.from(entries["manifest.json"]).toString("utf8"));
    expect(manifest.incident.reference).toBe(incident.reference);
    expect(manifest.files).toEqual(
      rows.map((row) => ({
        id: row.id,
        name: row.originalName,
        path: expect.stringMatching(new RegExp(`^files/${row.id}-`)),
        size: row.sizeBytes,
        type: row.mediaType,
        sha256: row.sha256,
        receivedAt: row.receivedAt,
        uploader: test.person("parks-officer").name,
      })),
    );
    for (const entry of manifest.files) {
      const bytes = entries[entry.path];
      expect(Buffer.from(bytes).equals(uploaded.get(entry.name)!), entry.name).toBe(true);
      expect(bytes.length).toBe(entry.size);
      expect(sha256(bytes)).toBe(entry.sha256);
      expect(lines).toContain(`${entry.sha256}  ${entry.path}`);
    }
    expect(custodyRows().at(-1)).toMatchObject({ action: "downloaded_pack_zip", evidenceFileId: null, personId: test.person("parks-officer").id });
  });
});

describe("who may download a pack", () => {
  it("gives anyone who may not see the incident a 404 for both packs and every file, and records nothing", async () => {
    const before = custodyRows().length;
    const [picture] = files();
    const params = { reference: incident.reference, evidenceId: String(picture.id) };
    for (const key of ["library-assistant", "comms1", "admin"]) {
      const cookie = await cookieFor(key);
      expect((await pdfOf(cookie)).status, key).toBe(404);
      expect((await zipOf(cookie)).status, key).toBe(404);
      expect((await call(downloadEvidence as Loader, `/incidents/${incident.reference}/evidence/${picture.id}`, params, cookie)).status, key).toBe(404);
      expect((await call(evidenceThumbnail as Loader, `/incidents/${incident.reference}/evidence/${picture.id}/thumbnail`, params, cookie)).status, key).toBe(404);
    }
    const cookie = await cookieFor("hr");
    const missing = await call(packPdf as Loader, "/incidents/HF-1999-0001/evidence-pack/pdf", { reference: "HF-1999-0001" }, cookie);
    expect(missing.status).toBe(404);
    expect(custodyRows()).toHaveLength(before);
  });

  it("sends someone who is not signed in to sign in, and records nothing", async () => {
    const before = custodyRows().length;
    expect((await pdfOf("")).status).toBe(302);
    expect((await zipOf("")).status).toBe(302);
    expect(custodyRows()).toHaveLength(before);
  });
});

describe("the incident page", () => {
  it("shows each pack download on the timeline, with who and when, and not the single file views", async () => {
    const response = await call(incidentLoader as Loader, `/incidents/${incident.reference}`, { reference: incident.reference }, await cookieFor("hr"));
    const { page } = (await response.json()) as { page: { timeline: { label: string; actorName: string | null; at: string; key: string }[] } };
    const packs = test.db
      .select()
      .from(custodyEvents)
      .where(and(eq(custodyEvents.incidentId, incident.id)))
      .all()
      .filter((row) => row.action.startsWith("downloaded_pack"));
    const shown = page.timeline.filter((entry) => entry.key.startsWith("custody-"));
    expect(shown.map(({ label, actorName, at }) => ({ label, actorName, at }))).toEqual([
      { label: "Evidence pack downloaded (PDF)", actorName: test.person("head-parks").name, at: packs[0].at },
      { label: "Evidence pack downloaded (ZIP)", actorName: test.person("parks-officer").name, at: packs[1].at },
    ]);
    expect(page.timeline.map((entry) => entry.at)).toEqual(page.timeline.map((entry) => entry.at).sort());
    expect(page.timeline.some((entry) => entry.label === "File downloaded" || entry.label === "Thumbnail viewed")).toBe(false);
  });
});
