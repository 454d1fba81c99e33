import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { listEvidence } from "../../app/models/evidence.server";
import { reportMistakenPost } from "../../app/paths/mistaken-post/model.server";
import { loader as downloadEvidence } from "../../app/routes/incidents.$reference.evidence.$evidenceId";
import { loader as evidenceThumbnail } from "../../app/routes/incidents.$reference.evidence.$evidenceId.thumbnail";
import { commitSessionCookie, hashPassword, signIn } from "../../app/utils/auth.server";
import { db as appDb } from "../../app/utils/db.server";
import {
  detectEvidenceType,
  discardStoredEvidence,
  EVIDENCE_MAX_BYTES,
  EvidenceRequestError,
  evidenceDirectory,
  receiveEvidenceUpload,
  type StoredEvidence,
} from "../../app/utils/evidence.server";
import { FORM_LIMITS } from "../../app/utils/form-limits";
import { makeThumbnail } from "../../app/utils/thumbnails.server";
import { rehashStoredEvidence, thumbnailPathFor } from "../../db/evidence-folder";
import { evidenceFiles, type Incident } from "../../db/schema";
import { demoEmail, DEMO_PEOPLE } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import { makePng } from "../helpers/images";

const FIXTURES = fileURLToPath(new URL("../fixtures/evidence/", import.meta.url));
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * What a browser sends: a multipart body built by the web FormData, arriving in small chunks as
 * from a network (so a file is partly written before a limit is hit), or stalling and then cut
 * off part-way (the stall lets the files before the cut finish storing, as on a real network).
 */
async function uploadRequest(
  entries: [string, string | File][],
  {
    chunkBytes = 512,
    dropAfterBytes = Infinity,
    onRead = (_sentBytes: number) => {},
  }: { chunkBytes?: number; dropAfterBytes?: number; onRead?: (sentBytes: number) => void } = {},
): Promise<Request> {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  const encoded = new Request("http://localhost/upload", { method: "POST", body: form });
  const bytes = new Uint8Array(await encoded.arrayBuffer());
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      onRead(offset);
      if (offset >= dropAfterBytes) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        controller.error(new Error("connection reset"));
      } else if (offset >= bytes.length) {
        controller.close();
      } else {
        controller.enqueue(bytes.slice(offset, (offset += chunkBytes)));
      }
    },
  });
  return new Request(encoded.url, {
    method: "POST",
    body,
    headers: { "content-type": encoded.headers.get("content-type")! },
    duplex: "half",
  } as RequestInit);
}

const file = (bytes: Uint8Array, name: string, type = "image/png") => new File([new Uint8Array(bytes)], name, { type });

/** Every file under a folder, as paths relative to it. */
function filesUnder(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, encoding: "utf8" }).filter((path) => statSync(join(directory, path)).isFile());
}

const SAMPLES = [
  { name: "post.jpg", bytes: fixture("sample.jpg"), type: "image/jpeg" },
  { name: "post.gif", bytes: fixture("sample.gif"), type: "image/gif" },
  { name: "post.webp", bytes: fixture("sample.webp"), type: "image/webp" },
  { name: "post.pdf", bytes: fixture("sample.pdf"), type: "application/pdf" },
];
const ELF_PROGRAM = Buffer.concat([Buffer.from("\x7fELF\x02\x01\x01\x00", "latin1"), randomBytes(200)]);
const WINDOWS_PROGRAM = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), randomBytes(200)]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="8" height="8"/></svg>');

describe("detecting the type of evidence from its first bytes", () => {
  it("knows PNG, JPEG, GIF, WebP and PDF", () => {
    expect(detectEvidenceType(makePng(2, 2))).toBe("image/png");
    for (const sample of SAMPLES) expect(detectEvidenceType(sample.bytes)).toBe(sample.type);
  });

  it("knows nothing else: programs, SVG, HTML, text, other RIFF files, too few bytes", () => {
    const others = [
      ELF_PROGRAM,
      WINDOWS_PROGRAM,
      SVG,
      Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>"),
      Buffer.from("just some words"),
      Buffer.from("RIFF\x24\x00\x00\x00WAVEfmt ", "latin1"),
      Buffer.of(0x89, 0x50, 0x4e),
      Buffer.alloc(0),
    ];
    for (const bytes of others) expect(detectEvidenceType(bytes)).toBeNull();
  });
});

describe("receiving evidence", () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "holdfast-evidence-"));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  const receive = async (
    entries: [string, string | File][],
    options: { maxBytes?: number; maxFiles?: number; chunkBytes?: number } = {},
  ) => receiveEvidenceUpload(await uploadRequest(entries, options), { directory, ...options });

  it("stores a PNG byte for byte, with the SHA-256 of what was uploaded, outside the web root", async () => {
    const png = makePng(40, 30);
    const upload = await receive([["evidence", file(png, "Screenshot 2026-11-20 at 09.14.png")]]);

    expect(upload.refusals).toEqual([]);
    expect(upload.files).toHaveLength(1);
    const [stored] = upload.files;
    expect(stored).toMatchObject({
      originalName: "Screenshot 2026-11-20 at 09.14.png",
      mediaType: "image/png",
      sizeBytes: png.length,
      sha256: sha256(png),
      absolutePath: join(directory, stored.storagePath),
    });
    expect(stored.storagePath).toMatch(/^\d{4}\/\d{2}\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(readFileSync(stored.absolutePath).equals(png)).toBe(true);
    expect(await rehashStoredEvidence(stored.absolutePath)).toBe(sha256(png));
    expect(stored.thumbnailPath).toBe(`${stored.storagePath}.thumb.webp`);
    expect(filesUnder(directory).sort()).toEqual([stored.storagePath, stored.thumbnailPath]);
  });

  it.each(SAMPLES)("accepts a $type sample, whatever type the browser claimed", async (sample) => {
    const upload = await receive([["evidence", file(sample.bytes, sample.name, "application/octet-stream")]]);
    expect(upload.refusals).toEqual([]);
    expect(upload.files).toMatchObject([{ originalName: sample.name, mediaType: sample.type, sha256: sha256(sample.bytes) }]);
    expect(readFileSync(upload.files[0].absolutePath).equals(sample.bytes)).toBe(true);
  });

  it.each([
    ["a Windows program", WINDOWS_PROGRAM],
    ["a Linux program", ELF_PROGRAM],
    ["an SVG", SVG],
  ])("refuses %s named screenshot.png and keeps nothing of it", async (_kind, bytes) => {
    const upload = await receive([["evidence", file(bytes, "screenshot.png", "image/png")]]);
    expect(upload.files).toEqual([]);
    expect(upload.refusals).toEqual([
      {
        name: "screenshot.png",
        message: "“screenshot.png” is not a picture or PDF. Upload a screenshot saved as PNG, JPEG, WebP or GIF, or a PDF.",
      },
    ]);
    expect(filesUnder(directory)).toEqual([]);
  });

  it("refuses a file over the size limit, leaves no partial file, and still reads the rest of the form", async () => {
    const huge = makePng(40, 30);
    const small = SAMPLES[0];
    expect(huge.length).toBeGreaterThan(1024);
    const upload = await receive(
      [
        ["evidence", file(huge, "huge.png")],
        ["evidence", file(small.bytes, small.name)],
        ["description", "Abusive reply under the library closure post"],
      ],
      { maxBytes: 1024 },
    );
    expect(upload.refusals).toEqual([
      {
        name: "huge.png",
        message: "“huge.png” is larger than 1 KB. Upload a smaller copy: crop the screenshot, save it as JPEG, or split the PDF.",
      },
    ]);
    expect(upload.files.map((stored) => stored.originalName)).toEqual([small.name]);
    expect(upload.fields.get("description")).toBe("Abusive reply under the library closure post");
    expect(filesUnder(directory).sort()).toEqual([upload.files[0].storagePath, upload.files[0].thumbnailPath]);
  });

  it("refuses a file over 20 MB by default, naming the limit in megabytes", async () => {
    const oversize = Buffer.alloc(EVIDENCE_MAX_BYTES + 1);
    oversize.set(makePng(1, 1));
    const upload = await receive([["evidence", file(oversize, "huge.png")]], { chunkBytes: 64 * 1024 });
    expect(upload.files).toEqual([]);
    expect(upload.refusals[0].message).toMatch(/^“huge\.png” is larger than 20 MB\./);
    expect(filesUnder(directory)).toEqual([]);
  });

  it("refuses a PNG cut short by 20 bytes as incomplete", async () => {
    const png = makePng(20, 20);
    const upload = await receive([["evidence", file(png.subarray(0, png.length - 20), "cut.png")]]);
    expect(upload.files).toEqual([]);
    expect(upload.refusals).toEqual([
      {
        name: "cut.png",
        message: "“cut.png” looks incomplete (it may not have finished saving). Take the screenshot again and upload that.",
      },
    ]);
    expect(filesUnder(directory)).toEqual([]);
  });

  it.each(SAMPLES)("refuses a $type sample without its last bytes as incomplete", async (sample) => {
    const upload = await receive([["evidence", file(sample.bytes.subarray(0, sample.bytes.length - 10), sample.name)]]);
    expect(upload.files).toEqual([]);
    expect(upload.refusals[0].message).toContain("looks incomplete");
    expect(filesUnder(directory)).toEqual([]);
  });

  it("gives back every other field of the form when a file is refused, so nothing typed is lost", async () => {
    const upload = await receive([
      ["intent", "ADD_EVIDENCE"],
      ["version", "3"],
      ["evidence", file(WINDOWS_PROGRAM, "report.exe", "application/x-msdownload")],
      ["description", "Reply from @someone calling staff names — “screenshot at 09:14”"],
    ]);
    expect(upload.files).toEqual([]);
    expect(upload.refusals.map((refusal) => refusal.name)).toEqual(["report.exe"]);
    expect(Object.fromEntries(upload.fields)).toEqual({
      intent: "ADD_EVIDENCE",
      version: "3",
      description: "Reply from @someone calling staff names — “screenshot at 09:14”",
    });
  });

  it("stores two files sent together, in the order they were sent", async () => {
    const first = makePng(10, 10);
    const second = SAMPLES[3];
    const upload = await receive([
      ["evidence", file(first, "before.png")],
      ["evidence", file(second.bytes, second.name)],
    ]);
    expect(upload.refusals).toEqual([]);
    expect(upload.files.map(({ originalName, mediaType, sha256: hash }) => ({ originalName, mediaType, hash }))).toEqual([
      { originalName: "before.png", mediaType: "image/png", hash: sha256(first) },
      { originalName: second.name, mediaType: second.type, hash: sha256(second.bytes) },
    ]);
    expect(new Set(upload.files.map((stored) => stored.storagePath)).size).toBe(2);
    // The PNG has a thumbnail beside it; the PDF has none.
    expect(upload.files.map((stored) => stored.thumbnailPath)).toEqual([`${upload.files[0].storagePath}.thumb.webp`, null]);
    expect(filesUnder(directory).sort()).toEqual(
      [...upload.files.map((stored) => stored.storagePath), upload.files[0].thumbnailPath].sort(),
    );
  });

  it("treats an empty file input as no file, and ignores files sent in other fields", async () => {
    const upload = await receive([
      ["evidence", new File([], "", { type: "application/octet-stream" })],
      ["avatar", file(makePng(4, 4), "me.png")],
      ["description", "Nothing attached yet"],
    ]);
    expect(upload).toMatchObject({ files: [], refusals: [] });
    expect(upload.fields.get("description")).toBe("Nothing attached yet");
    expect(filesUnder(directory)).toEqual([]);
  });

  it("refuses files beyond the number allowed at once", async () => {
    const upload = await receive(
      [
        ["evidence", file(makePng(4, 4), "one.png")],
        ["evidence", file(makePng(4, 4), "two.png")],
        ["evidence", file(makePng(4, 4), "three.png")],
      ],
      { maxFiles: 2 },
    );
    expect(upload.files.map((stored) => stored.originalName)).toEqual(["one.png", "two.png"]);
    expect(upload.refusals).toEqual([
      { name: "three.png", message: "“three.png” was not saved: up to 2 files can be uploaded at once. Upload it on its own." },
    ]);
  });

  it("reads the request no faster than it writes the file, so a fast sender cannot fill memory", async () => {
    const chunkBytes = 16 * 1024;
    const png = makePng(300, 300);
    let furthestAhead = 0;
    const request = await uploadRequest([["evidence", file(png, "fast.png")]], {
      chunkBytes,
      onRead: (sentBytes) => {
        const written = filesUnder(directory).reduce((total, path) => total + statSync(join(directory, path)).size, 0);
        furthestAhead = Math.max(furthestAhead, sentBytes - written);
      },
    });
    const upload = await receiveEvidenceUpload(request, { directory });
    expect(upload.files).toMatchObject([{ sha256: sha256(png) }]);
    expect(png.length).toBeGreaterThan(10 * chunkBytes);
    expect(furthestAhead).toBeLessThanOrEqual(3 * chunkBytes);
  });

  it("refuses the whole request, keeping nothing, when a file is far over the limit", async () => {
    const request = await uploadRequest([
      ["evidence", file(SAMPLES[0].bytes, SAMPLES[0].name)],
      ["evidence", file(makePng(100, 100), "video.png")],
    ]);
    const failure = receiveEvidenceUpload(request, { directory, maxBytes: 1024 });
    await expect(failure).rejects.toBeInstanceOf(EvidenceRequestError);
    await expect(failure).rejects.toMatchObject({ status: 413 });
    expect(filesUnder(directory)).toEqual([]);
  });

  it("refuses the whole request, keeping nothing, when the text beside the files breaks a form limit", async () => {
    const tooLong = receive([
      ["evidence", file(SAMPLES[0].bytes, SAMPLES[0].name)],
      ["notes", "x".repeat(FORM_LIMITS.maxFieldCharacters + 1)],
    ]);
    await expect(tooLong).rejects.toMatchObject({ status: 413 });
    const sparse = receive([
      ["evidence", file(SAMPLES[0].bytes, SAMPLES[0].name)],
      ["kinds[100000]", "hate"],
    ]);
    await expect(sparse).rejects.toMatchObject({ status: 400 });
    expect(filesUnder(directory)).toEqual([]);
  });

  it("keeps nothing when the connection drops part-way through a file", async () => {
    const entries: [string, File][] = [
      ["evidence", file(SAMPLES[0].bytes, SAMPLES[0].name)],
      ["evidence", file(makePng(60, 60), "second.png")],
    ];
    const dropped = await uploadRequest(entries, { dropAfterBytes: SAMPLES[0].bytes.length + 4096 });
    await expect(receiveEvidenceUpload(dropped, { directory })).rejects.toThrow("connection reset");
    expect(filesUnder(directory)).toEqual([]);
  });

  it("deletes stored files and their thumbnails on request, for when the database transaction fails", async () => {
    const upload = await receive([
      ["evidence", file(makePng(4, 4), "one.png")],
      ["evidence", file(SAMPLES[1].bytes, SAMPLES[1].name)],
    ]);
    expect(filesUnder(directory)).toHaveLength(4);
    await discardStoredEvidence(upload.files);
    expect(filesUnder(directory)).toEqual([]);
  });
});

/** The tag numbers in the first directory of an EXIF block ("Exif\0\0", then a TIFF header). */
function exifTags(exif: Buffer): number[] {
  const tiff = exif.subarray(6);
  const little = tiff.toString("latin1", 0, 2) === "II";
  const u16 = (offset: number) => (little ? tiff.readUInt16LE(offset) : tiff.readUInt16BE(offset));
  const ifd = little ? tiff.readUInt32LE(4) : tiff.readUInt32BE(4);
  return Array.from({ length: u16(ifd) }, (_, index) => u16(ifd + 2 + index * 12));
}
const EXIF_COPYRIGHT = 0x8298;
const EXIF_GPS = 0x8825;

/** A phone photo: 800×600 pixels stored sideways (EXIF orientation 6), with a copyright, an artist and a location. */
async function makeJpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: "#c33" } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Copyright: "secret copyright", Artist: "Secret Artist" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "53/1 33/1 10/1", GPSLongitudeRef: "W", GPSLongitude: "1/1 28/1 45/1", GPSMapDatum: "secret-datum" },
    })
    .toBuffer();
}

describe("thumbnails of evidence", () => {
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "holdfast-thumbnails-"));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(directory, { recursive: true, force: true });
  });

  const receive = async (entries: [string, string | File][]) =>
    receiveEvidenceUpload(await uploadRequest(entries, { chunkBytes: 64 * 1024 }), { directory });

  it("makes a WebP of at most 320 pixels from a full-screen PNG, leaving the PNG as it was", async () => {
    const png = makePng(1920, 1080);
    const upload = await receive([["evidence", file(png, "full screen.png")]]);
    const [stored] = upload.files;
    expect(stored.thumbnailPath).toBe(`${stored.storagePath}.thumb.webp`);
    const thumbnail = readFileSync(join(directory, stored.thumbnailPath!));
    expect(await sharp(thumbnail).metadata()).toMatchObject({ format: "webp", width: 320, height: 180 });
    expect(readFileSync(stored.absolutePath).equals(png)).toBe(true);
    expect(await rehashStoredEvidence(stored.absolutePath)).toBe(sha256(png));
    expect(stored.sha256).toBe(sha256(png));
  });

  it("never enlarges a small picture", async () => {
    const upload = await receive([["evidence", file(makePng(40, 30), "small.png")]]);
    const thumbnail = readFileSync(join(directory, upload.files[0].thumbnailPath!));
    expect(await sharp(thumbnail).metadata()).toMatchObject({ format: "webp", width: 40, height: 30 });
  });

  it.each(SAMPLES.filter((sample) => sample.type !== "application/pdf"))("makes one from a $type sample", async (sample) => {
    const upload = await receive([["evidence", file(sample.bytes, sample.name)]]);
    const thumbnail = readFileSync(join(directory, upload.files[0].thumbnailPath!));
    const metadata = await sharp(thumbnail).metadata();
    expect(metadata.format).toBe("webp");
    expect(Math.max(metadata.width, metadata.height)).toBeLessThanOrEqual(320);
  });

  it("drops the EXIF of a photo (copyright, GPS), turning it the way it says, and keeps the original with its EXIF", async () => {
    const jpeg = await makeJpegWithExif();
    // The test photo really carries what the thumbnail must not.
    const original = await sharp(jpeg).metadata();
    expect(original).toMatchObject({ width: 800, height: 600, orientation: 6 });
    expect(exifTags(original.exif!)).toEqual(expect.arrayContaining([EXIF_COPYRIGHT, EXIF_GPS]));
    expect(original.exif!.includes("secret-datum")).toBe(true);

    const upload = await receive([["evidence", file(jpeg, "IMG_0412.jpg", "image/jpeg")]]);
    const [stored] = upload.files;
    const thumbnail = readFileSync(join(directory, stored.thumbnailPath!));
    const metadata = await sharp(thumbnail).metadata();
    expect(metadata).toMatchObject({ format: "webp", width: 240, height: 320 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(metadata.iptc).toBeUndefined();
    expect(metadata.icc).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
    for (const secret of ["Exif", "secret", "Secret Artist"]) expect(thumbnail.includes(secret)).toBe(false);

    expect(stored.sha256).toBe(sha256(jpeg));
    expect(await rehashStoredEvidence(stored.absolutePath)).toBe(sha256(jpeg));
    expect((await sharp(stored.absolutePath).metadata()).exif!.equals(original.exif!)).toBe(true);
  });

  it("makes none for a PDF", async () => {
    const pdf = SAMPLES.find((sample) => sample.type === "application/pdf")!;
    const upload = await receive([["evidence", file(pdf.bytes, pdf.name)]]);
    const [stored] = upload.files;
    expect(stored.thumbnailPath).toBeNull();
    expect(existsSync(thumbnailPathFor(stored.absolutePath))).toBe(false);
    expect(filesUnder(directory)).toEqual([stored.storagePath]);
    expect(await makeThumbnail(stored.absolutePath, stored.mediaType)).toBeNull();
  });

  it("keeps the evidence, without a thumbnail, when the picture cannot be read", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    // A PNG signature and end marker around bytes that are not a picture.
    const png = makePng(4, 4);
    const broken = Buffer.concat([png.subarray(0, 8), randomBytes(300), png.subarray(-12)]);
    const upload = await receive([["evidence", file(broken, "broken.png")]]);
    expect(upload.refusals).toEqual([]);
    const [stored] = upload.files;
    expect(stored).toMatchObject({ mediaType: "image/png", sha256: sha256(broken), thumbnailPath: null });
    expect(readFileSync(stored.absolutePath).equals(broken)).toBe(true);
    expect(filesUnder(directory)).toEqual([stored.storagePath]);
    expect(errors).toHaveBeenCalledOnce();
    expect(String(errors.mock.calls[0][0])).toContain(`No thumbnail for evidence ${stored.storagePath}`);
    expect(String(errors.mock.calls[0][0])).not.toContain("broken.png");
  });
});

describe("downloading evidence", () => {
  const PASSWORD = "evidence test password";
  const post = {
    platform: "Facebook",
    account: "@EastbridgeLibraries",
    link: null,
    postedAt: "2026-11-20T09:10:00.000Z",
    whatHappened: "Replies under the closure post are abusive towards library staff.",
  };
  let test: TestDatabase;
  let joIncident: Incident;
  let benIncident: Incident;
  let joEvidence: StoredEvidence & { id: number };
  let benEvidenceId: number;

  function record(incident: Incident, stored: StoredEvidence, uploadedById: number): number {
    const { absolutePath: _absolutePath, thumbnailPath: _thumbnailPath, ...row } = stored;
    return test.db
      .insert(evidenceFiles)
      .values({ ...row, incidentId: incident.id, uploadedById, receivedAt: new Date().toISOString() })
      .returning({ id: evidenceFiles.id })
      .get().id;
  }

  async function cookieFor(key: string): Promise<string> {
    const person = DEMO_PEOPLE.find((candidate) => candidate.key === key)!;
    const result = await signIn(test.db, { email: demoEmail(person), password: PASSWORD }, new Date());
    if (!result.ok) throw new Error(`Could not sign in as ${key}`);
    return (await commitSessionCookie(result.token)).split(";")[0];
  }

  /** The loader's answer, or the Response it threw (404, or the redirect to sign in). */
  async function download(reference: string, evidenceId: string | number, cookie?: string): Promise<Response> {
    const request = new Request(`http://localhost/incidents/${reference}/evidence/${evidenceId}`, {
      headers: cookie ? { Cookie: cookie } : {},
    });
    try {
      return await downloadEvidence({ request, params: { reference, evidenceId: String(evidenceId) }, context: {} });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  /** The thumbnail loader's answer, or the Response it threw. */
  async function thumbnail(reference: string, evidenceId: string | number, cookie?: string): Promise<Response> {
    const request = new Request(`http://localhost/incidents/${reference}/evidence/${evidenceId}/thumbnail`, {
      headers: cookie ? { Cookie: cookie } : {},
    });
    try {
      return await evidenceThumbnail({ request, params: { reference, evidenceId: String(evidenceId) }, context: {} });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
  }

  beforeAll(async () => {
    test = createTestDatabase({ passwordHash: await hashPassword(PASSWORD) });
    // The route reads the database and the evidence folder through the app's own configuration.
    process.env.DATABASE_PATH = test.path;
    process.env.SESSION_SECRET = "s".repeat(32);
    joIncident = reportMistakenPost(test.db, test.person("library-assistant"), post, new Date());
    benIncident = reportMistakenPost(test.db, test.person("hub-officer"), post, new Date());
    const [joFile] = (
      await receiveEvidenceUpload(await uploadRequest([["evidence", file(makePng(16, 16), "Abuse – reply 1.png")]]))
    ).files;
    const [benFile] = (await receiveEvidenceUpload(await uploadRequest([["evidence", file(SAMPLES[3].bytes, "ben.pdf")]]))).files;
    joEvidence = { ...joFile, id: record(joIncident, joFile, test.person("library-assistant").id) };
    benEvidenceId = record(benIncident, benFile, test.person("hub-officer").id);
  });
  afterAll(() => {
    appDb().$client.close();
    test.close();
  });

  it("keeps the files in the evidence folder beside the database", () => {
    expect(evidenceDirectory()).toBe(join(test.directory, "evidence"));
    expect(joEvidence.absolutePath.startsWith(join(test.directory, "evidence"))).toBe(true);
  });

  it("lists an incident's evidence with who uploaded it", () => {
    expect(listEvidence(test.db, joIncident.id)).toMatchObject([
      { id: joEvidence.id, originalName: "Abuse – reply 1.png", sha256: joEvidence.sha256, uploadedByName: "Jo Lee" },
    ]);
  });

  it("serves the stored bytes as a download to someone who may see the incident", async () => {
    const response = await download(joIncident.reference, joEvidence.id, await cookieFor("library-assistant"));
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "image/png",
      "content-disposition": `attachment; filename="Abuse _ reply 1.png"; filename*=UTF-8''Abuse%20%E2%80%93%20reply%201.png`,
      "content-length": String(joEvidence.sizeBytes),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    });
    expect(sha256(new Uint8Array(await response.arrayBuffer()))).toBe(joEvidence.sha256);
  });

  it("answers 'not found' to someone who may not see the incident, as for one that does not exist", async () => {
    const hr = await cookieFor("hr");
    expect((await download(joIncident.reference, joEvidence.id, hr)).status).toBe(404);
    expect((await download("HF-2099-9999", joEvidence.id, hr)).status).toBe(404);
  });

  it("answers 'not found' for evidence of another incident, even to someone who may see both", async () => {
    const communications = await cookieFor("comms1");
    expect((await download(benIncident.reference, benEvidenceId, communications)).status).toBe(200);
    expect((await download(joIncident.reference, benEvidenceId, communications)).status).toBe(404);
    expect((await download(joIncident.reference, "1 or 1=1", communications)).status).toBe(404);
  });

  it("sends someone who is not signed in to sign in", async () => {
    const response = await download(joIncident.reference, joEvidence.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/sign-in\?redirectTo=/);
  });
  it("shows the thumbnail inline, never cached, to someone who may see the incident", async () => {
    const response = await thumbnail(joIncident.reference, joEvidence.id, await cookieFor("library-assistant"));
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "image/webp",
      "content-disposition": "inline",
      "content-length": String(bytes.length),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
    });
    expect(bytes.equals(readFileSync(join(evidenceDirectory(), joEvidence.thumbnailPath!)))).toBe(true);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "webp", width: 16, height: 16 });
  });

  it("answers 'not found' for a thumbnail to someone who may not see the incident, as for one that does not exist", async () => {
    const hr = await cookieFor("hr");
    expect((await thumbnail(joIncident.reference, joEvidence.id, hr)).status).toBe(404);
    expect((await thumbnail("HF-2099-9999", joEvidence.id, hr)).status).toBe(404);
  });

  it("answers 'not found' for the thumbnail of a PDF, of another incident's file, or of no file", async () => {
    const communications = await cookieFor("comms1");
    expect((await download(benIncident.reference, benEvidenceId, communications)).status).toBe(200);
    expect((await thumbnail(benIncident.reference, benEvidenceId, communications)).status).toBe(404);
    expect((await thumbnail(joIncident.reference, joEvidence.id, communications)).status).toBe(200);
    expect((await thumbnail(benIncident.reference, joEvidence.id, communications)).status).toBe(404);
    expect((await thumbnail(joIncident.reference, "1 or 1=1", communications)).status).toBe(404);
  });

  it("sends someone who is not signed in to sign in rather than show a thumbnail", async () => {
    const response = await thumbnail(joIncident.reference, joEvidence.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toMatch(/^\/sign-in\?redirectTo=/);
  });
});
