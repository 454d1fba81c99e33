import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, stat, type FileHandle } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { parseFormData, type FileUpload } from "@mjackson/form-data-parser";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { env } from "./env.server";
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, type EvidenceType } from "./evidence-types";
import { formLimitBroken } from "./form-limits";
import { formatFileSize } from "./file-size";
import { thumbnailPathFor } from "../../db/evidence-folder";
import { makeThumbnail } from "./thumbnails.server";

export const EVIDENCE_MAX_FILES = 10;
export { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, type EvidenceType };

export interface StoredEvidence {
  originalName: string;
  /** Detected from the bytes, never taken from the browser. */
  mediaType: EvidenceType;
  sizeBytes: number;
  sha256: string;
  /** Relative to the evidence directory, with forward slashes: this is what the database keeps. */
  storagePath: string;
  absolutePath: string;
  /**
   * The metadata-free WebP preview beside the file (`<storagePath>.thumb.webp`), relative like
   * storagePath; null for a PDF, or when the picture could not be previewed.
   */
  thumbnailPath: string | null;
}

export interface EvidenceRefusal {
  name: string;
  message: string;
}

export interface EvidenceUpload {
  /** The form's other fields, so nothing typed is lost when a file is refused. */
  fields: FormData;
  files: StoredEvidence[];
  refusals: EvidenceRefusal[];
}

/** The whole request was refused (it was malformed, or one part was far over the limit): nothing was kept. */
export class EvidenceRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413,
  ) {
    super(message);
  }
}

/**
 * Outside public/, beside the database: evidence is only ever served by the authorised route.
 * Tools that read their own environment (`npm run verify`) pass its data directory.
 */
export function evidenceDirectory(dataDirectory: string = env().dataDirectory): string {
  return join(dataDirectory, "evidence");
}

const ascii = (text: string) => [...text].map((character) => character.charCodeAt(0));

/** null matches any byte (the RIFF size field). */
const SIGNATURES: { type: EvidenceType; bytes: (number | null)[] }[] = [
  { type: "image/png", bytes: [0x89, ...ascii("PNG\r\n"), 0x1a, 0x0a] },
  { type: "image/jpeg", bytes: [0xff, 0xd8, 0xff] },
  { type: "image/gif", bytes: ascii("GIF87a") },
  { type: "image/gif", bytes: ascii("GIF89a") },
  { type: "image/webp", bytes: [...ascii("RIFF"), null, null, null, null, ...ascii("WEBP")] },
  { type: "application/pdf", bytes: ascii("%PDF-") },
];

const HEAD_BYTES = Math.max(...SIGNATURES.map((signature) => signature.bytes.length));
const TAIL_BYTES = 1024;
const PNG_IEND_CHUNK = Uint8Array.of(0, 0, 0, 0, ...ascii("IEND"), 0xae, 0x42, 0x60, 0x82);

/** The evidence type of a file from its first bytes; anything else (SVG, HTML, programs...) is null. */
export function detectEvidenceType(head: Uint8Array): EvidenceType | null {
  const match = SIGNATURES.find(
    (signature) =>
      head.length >= signature.bytes.length && signature.bytes.every((byte, index) => byte === null || head[index] === byte),
  );
  return match?.type ?? null;
}

function endsWith(tail: Uint8Array, ending: Uint8Array): boolean {
  return tail.length >= ending.length && Buffer.from(tail.subarray(tail.length - ending.length)).equals(ending);
}

/** A screenshot saved half-way (or cut short in transit) lacks the marker its format ends with. */
function looksComplete(type: EvidenceType, head: Uint8Array, tail: Uint8Array, sizeBytes: number): boolean {
  switch (type) {
    case "image/png":
      return endsWith(tail, PNG_IEND_CHUNK);
    case "image/jpeg":
      return endsWith(tail, Uint8Array.of(0xff, 0xd9));
    case "image/gif":
      return endsWith(tail, Uint8Array.of(0x3b));
    case "image/webp":
      return Buffer.from(head).readUInt32LE(4) === sizeBytes - 8;
    case "application/pdf":
      return Buffer.from(tail).includes("%%EOF");
  }
}

const refusalMessages = {
  notAccepted: (name: string) =>
    `“${name}” is not a picture or PDF. Upload a screenshot saved as PNG, JPEG, WebP or GIF, or a PDF.`,
  tooLarge: (name: string, maxBytes: number) =>
    `“${name}” is larger than ${formatFileSize(maxBytes)}. ` +
    "Upload a smaller copy: crop the screenshot, save it as JPEG, or split the PDF.",
  incomplete: (name: string) =>
    `“${name}” looks incomplete (it may not have finished saving). Take the screenshot again and upload that.`,
  tooMany: (name: string, maxFiles: number) =>
    `“${name}” was not saved: up to ${maxFiles} files can be uploaded at once. Upload it on its own.`,
};

/**
 * How the parts of one request are read. form-data-parser 0.8 streams each part but pushes its
 * bytes without waiting for the reader, so a sender faster than the disk would pile the file up
 * in memory: the parser is fed the request one chunk at a time, only once every file being read
 * has taken what it was given. If the request fails, every part still being read stops.
 */
class PartReader {
  readonly #abort = new AbortController();
  #busy = 0;
  #waiting: (() => void)[] = [];

  fail(reason: unknown) {
    this.#abort.abort(reason);
  }

  /** The request body, released to the parser at the pace of the readers. */
  paced(source: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = source.getReader();
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          // The readers resume on the microtasks after the parser's last push: let them start first.
          await new Promise((resolve) => setImmediate(resolve));
          while (this.#busy > 0) await new Promise<void>((resolve) => this.#waiting.push(resolve));
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
  }

  /** A part's chunks to its end: a refused file must still be read through, or the parser stalls. */
  async *chunks(stream: ReadableStream<Uint8Array>) {
    const signal = this.#abort.signal;
    const reader = stream.getReader();
    const cancel = () => void reader.cancel().catch(() => {});
    signal.addEventListener("abort", cancel, { once: true });
    let holding = false;
    try {
      while (true) {
        if (holding) this.#release();
        holding = false;
        const { done, value } = await reader.read();
        signal.throwIfAborted();
        if (done) return;
        this.#busy += 1;
        holding = true;
        yield value;
      }
    } finally {
      if (holding) this.#release();
      signal.removeEventListener("abort", cancel);
    }
  }

  async drain(stream: ReadableStream<Uint8Array>) {
    for await (const _chunk of this.chunks(stream)) {
      // discarded
    }
  }

  #release() {
    this.#busy -= 1;
    if (this.#busy === 0) for (const resolve of this.#waiting.splice(0)) resolve();
  }
}

async function syncDirectory(path: string) {
  const directory = await open(path, "r");
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

/**
 * Makes the file's folder (<yyyy>/<mm>) if it is new, and syncs the folders above each one made,
 * so the folders themselves survive a power cut along with the files put in them.
 */
async function makeFolderFor(absolutePath: string) {
  const folder = dirname(absolutePath);
  const firstMade = await mkdir(folder, { recursive: true, mode: 0o700 });
  if (!firstMade) return;
  const top = resolve(firstMade);
  for (let made = resolve(folder); ; made = dirname(made)) {
    await syncDirectory(dirname(made));
    if (made === top || made === dirname(made)) return;
  }
}

type Outcome = { stored: StoredEvidence } | { refused: EvidenceRefusal } | null;

const storedIn = (outcomes: Outcome[]) => outcomes.flatMap((outcome) => (outcome && "stored" in outcome ? [outcome.stored] : []));

interface StoreOptions {
  maxBytes: number;
  directory: string;
  parts: PartReader;
}

/**
 * Streams one file to <directory>/<yyyy>/<mm>/<uuid>, hashing the bytes as they arrive and keeping
 * only its first and last bytes in memory for the type and completeness checks. The bytes go to
 * `<uuid>.partial` first; only a complete, accepted file is synced, renamed into place and its
 * folder synced, all before the caller's transaction records it. So a row never names a file
 * that is not whole on disk, even after a crash or a power cut, and a crash leaves at most an
 * unnamed file (reported by the start-up check), never a named one missing.
 */
async function storeFile(upload: FileUpload, options: StoreOptions): Promise<Outcome> {
  const name = upload.name;
  const now = new Date();
  const storagePath = [now.getUTCFullYear(), String(now.getUTCMonth() + 1).padStart(2, "0"), randomUUID()].join("/");
  const absolutePath = join(options.directory, storagePath);
  const partialPath = `${absolutePath}.partial`;
  const hash = createHash("sha256");
  let head: Uint8Array = new Uint8Array(0);
  let tail: Uint8Array = new Uint8Array(0);
  let sizeBytes = 0;
  let mediaType: EvidenceType | null = null;
  let refusal: string | null = null;
  let file: FileHandle | undefined;
  let kept = false;
  try {
    for await (const chunk of options.parts.chunks(upload.stream())) {
      sizeBytes += chunk.length;
      if (refusal) continue;
      if (sizeBytes > options.maxBytes) {
        refusal = refusalMessages.tooLarge(name, options.maxBytes);
        continue;
      }
      if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
      tail = Buffer.concat([tail, chunk.subarray(-TAIL_BYTES)]).subarray(-TAIL_BYTES);
      if (!mediaType && head.length >= HEAD_BYTES) {
        mediaType = detectEvidenceType(head);
        // Refused as soon as the first bytes show it, so a program is never written to disk.
        if (!mediaType) {
          refusal = refusalMessages.notAccepted(name);
          continue;
        }
      }
      hash.update(chunk);
      if (!file) {
        await makeFolderFor(absolutePath);
        file = await open(partialPath, "wx", 0o600);
      }
      await file.write(chunk);
    }
    // A file shorter than the longest signature is only identified once it has ended.
    mediaType ??= detectEvidenceType(head);
    if (!refusal && mediaType && file) {
      if (looksComplete(mediaType, head, tail, sizeBytes)) {
        await file.sync();
        await file.close();
        file = undefined;
        await rename(partialPath, absolutePath);
        await syncDirectory(dirname(absolutePath));
        kept = true;
        return {
          stored: { originalName: name, mediaType, sizeBytes, sha256: hash.digest("hex"), storagePath, absolutePath, thumbnailPath: null },
        };
      }
      refusal = refusalMessages.incomplete(name);
    }
    return { refused: { name, message: refusal ?? refusalMessages.notAccepted(name) } };
  } finally {
    await file?.close();
    if (!kept) await rm(partialPath, { force: true });
  }
}

/**
 * Adds the thumbnail of a file just kept. The file is evidence whether or not it can be previewed,
 * so a failure here is logged and the file kept without one.
 */
async function withThumbnail(outcome: Outcome): Promise<Outcome> {
  if (!outcome || !("stored" in outcome)) return outcome;
  const { stored } = outcome;
  try {
    const made = await makeThumbnail(stored.absolutePath, stored.mediaType);
    return made ? { stored: { ...stored, thumbnailPath: thumbnailPathFor(stored.storagePath) } } : outcome;
  } catch (error) {
    // The file's name is left out of the log: it may name the people involved.
    console.error(`No thumbnail for evidence ${stored.storagePath}: ${error instanceof Error ? error.message : String(error)}`);
    return outcome;
  }
}

/** The parser's own errors; its build does not export their classes, so they are known by name. */
function requestError(error: unknown, maxBytes: number): unknown {
  const name = error instanceof Error ? error.name : "";
  if (name === "MaxFileSizeExceededError") {
    return new EvidenceRequestError(
      `One of the files was far larger than ${formatFileSize(maxBytes)}, so nothing was saved. Choose smaller files and try again.`,
      413,
    );
  }
  if (name === "MultipartParseError" || name === "MaxHeaderSizeExceededError") {
    return new EvidenceRequestError("The upload could not be read, so nothing was saved. Try again.", 400);
  }
  return error;
}

/**
 * Receives a multipart form: each file chosen in `fieldName` is streamed to disk and kept if it is
 * an accepted type, complete and within `maxBytes`; each refused file is deleted and explained.
 * Files sent in other fields are ignored. If the request itself fails, every file it brought is
 * deleted and the error thrown (an EvidenceRequestError when it is the sender's fault).
 * Each kept picture gets a metadata-free thumbnail beside it (see makeThumbnail); the file itself
 * is kept exactly as sent.
 *
 * The caller records the kept files in its transaction, and calls discardStoredEvidence if that fails.
 */
export async function receiveEvidenceUpload(
  request: Request,
  options: {
    fieldName?: string;
    maxBytes?: number;
    maxFiles?: number;
    /** Why a file past maxFiles was not kept, when not the number a request may hold. */
    tooMany?: (name: string) => string;
    directory?: string;
  } = {},
): Promise<EvidenceUpload> {
  const {
    fieldName = "evidence",
    maxBytes = EVIDENCE_MAX_BYTES,
    maxFiles = EVIDENCE_MAX_FILES,
    tooMany = (name: string) => refusalMessages.tooMany(name, maxFiles),
    directory = evidenceDirectory(),
  } = options;
  const parts = new PartReader();
  const outcomes: Promise<Outcome>[] = [];
  let fileCount = 0;

  function receive(upload: FileUpload): Promise<Outcome> {
    // An empty file input (nothing chosen) arrives as a part with no name and no bytes.
    if (upload.fieldName !== fieldName || !upload.name) return parts.drain(upload.stream()).then(() => null);
    fileCount += 1;
    if (fileCount > maxFiles) {
      const refused = { name: upload.name, message: tooMany(upload.name) };
      return parts.drain(upload.stream()).then(() => ({ refused }));
    }
    return storeFile(upload, { maxBytes, directory, parts }).then(withThumbnail);
  }

  const paced = request.body
    ? new Request(request.url, {
        method: request.method,
        headers: request.headers,
        body: parts.paced(request.body),
        duplex: "half",
      } as RequestInit)
    : request;

  let fields: FormData;
  try {
    // Past this ceiling a part aborts the whole request; below it an oversize file is only
    // refused and read through, so the rest of the form still arrives. Text fields are held in
    // memory by the parser, so the ceiling also bounds them.
    fields = await parseFormData(paced, { maxFileSize: maxBytes * 4 }, (upload) => {
      const outcome = receive(upload);
      outcomes.push(outcome);
      return outcome.then(() => null);
    });
  } catch (error) {
    parts.fail(error);
    const settled = await Promise.allSettled(outcomes);
    await discardStoredEvidence(storedIn(settled.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []))));
    throw requestError(error, maxBytes);
  }
  const results = await Promise.all(outcomes);
  // The text beside the files keeps to the limits of any form, before anything reads or echoes it.
  const brokenLimit = formLimitBroken(fields);
  if (brokenLimit) {
    await discardStoredEvidence(storedIn(results));
    throw new EvidenceRequestError(
      "The form sent with the files could not be taken, so nothing was saved. Open the page again and choose the files once more.",
      brokenLimit === "too-large" ? 413 : 400,
    );
  }
  return {
    fields,
    files: storedIn(results),
    refusals: results.flatMap((outcome) => (outcome && "refused" in outcome ? [outcome.refused] : [])),
  };
}

/** Deletes stored files whose database rows were never committed, with their thumbnails. */
export async function discardStoredEvidence(files: readonly Pick<StoredEvidence, "absolutePath">[]): Promise<void> {
  await Promise.all(
    files.flatMap((file) => [rm(file.absolutePath, { force: true }), rm(thumbnailPathFor(file.absolutePath), { force: true })]),
  );
}

/** The download name as an RFC 6266 header: an ASCII fallback, and the exact name in UTF-8. */
function attachmentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\]/g, "_") || "evidence";
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The stored file as a download, never rendered inline and never cached. Call only after the
 * person has been authorised for the incident it belongs to.
 */
export async function storedEvidenceResponse(
  evidence: { storagePath: string; mediaType: string; originalName: string },
  directory = evidenceDirectory(),
): Promise<Response> {
  const absolutePath = join(directory, evidence.storagePath);
  const { size } = await stat(absolutePath);
  return new Response(createReadableStreamFromReadable(createReadStream(absolutePath)), {
    headers: {
      "Content-Type": evidence.mediaType,
      "Content-Disposition": attachmentDisposition(evidence.originalName),
      "Content-Length": String(size),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/**
 * The stored file's thumbnail, shown inline and never cached, or null when it has none (a PDF, a
 * picture that could not be previewed). Call only after the person has been authorised for the
 * incident it belongs to. The path comes from the file's own, so the database needs no column.
 */
export async function storedThumbnailResponse(
  evidence: { storagePath: string },
  directory = evidenceDirectory(),
): Promise<Response | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(thumbnailPathFor(join(directory, evidence.storagePath)));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Disposition": "inline",
      "Content-Length": String(bytes.length),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
