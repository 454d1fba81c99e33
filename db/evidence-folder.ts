import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Db } from "./client";

/**
 * The evidence folder against the rows that name its files, both ways: a row naming a file that
 * is not there (evidence lost), and a file that no row names (an orphan: an upload that was
 * never recorded, such as one cut off by a crash between storing the file and committing its
 * row, or the file of a row that was deleted). Files are stored before their row commits and
 * never deleted while a row names them, so a crash can leave orphans but never a missing file.
 *
 * Rows that name files: evidence_files (an incident's evidence) and the screenshots kept in
 * report drafts. A thumbnail belongs to the file it is beside (`<storage path>.thumb.webp`).
 * The check only lists and compares: nothing is read, hashed or changed.
 */

/** Where the thumbnail of a stored file is kept: beside it, so it is found from the file's own path. */
export function thumbnailPathFor(path: string): string {
  return `${path}.thumb.webp`;
}

/** The SHA-256 of a stored file, read as a stream, to check it against the one recorded. */
export async function rehashStoredEvidence(absolutePath: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(absolutePath)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export interface MissingFile {
  storagePath: string;
  /** "HF-2026-0003, file 12", or the draft that names it. */
  namedBy: string;
  source: "incident" | "draft";
}

export interface EvidenceFolderReport {
  /** How many rows name a file. */
  filesNamed: number;
  /** How many files are in the folder, thumbnails included. */
  filesStored: number;
  missing: MissingFile[];
  /** Relative paths, with forward slashes, of files no row names. */
  orphans: string[];
}

interface NamedRow {
  storagePath: string;
  namedBy: string;
  source: MissingFile["source"];
}

// Every storage path a committed row names, with the row.
const NAMED_PATHS = `
  select f.storage_path as storagePath,
         coalesce(i.reference, 'incident ' || f.incident_id) || ', file ' || f.id as namedBy,
         'incident' as source
    from evidence_files f left join incidents i on i.id = f.incident_id
  union all
  select json_extract(s.value, '$.storagePath'),
         'the unsent report (draft ' || d.id || ') of person ' || d.person_id,
         'draft'
    from report_drafts d, json_each(d.data, '$.screenshots') s
   where json_type(s.value, '$.storagePath') = 'text'`;

function namedRows(db: Db): NamedRow[] {
  return db.$client.prepare<[], NamedRow>(NAMED_PATHS).all();
}

/** Which of these storage paths a committed row names now. */
export function pathsNamed(db: Db, storagePaths: readonly string[]): Set<string> {
  if (storagePaths.length === 0) return new Set();
  const rows = db.$client
    .prepare<[string], { storagePath: string }>(
      `select storagePath from (${NAMED_PATHS}) where storagePath in (select value from json_each(?))`,
    )
    .all(JSON.stringify(storagePaths));
  return new Set(rows.map((row) => row.storagePath));
}

/** Every file under the folder, relative with forward slashes (as storage paths are written). */
export async function storedFiles(directory: string, prefix = ""): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(join(directory, prefix), { withFileTypes: true });
  } catch (error) {
    // No upload yet: the folder is made with the first one.
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && prefix === "") return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await storedFiles(directory, path)));
    else files.push(path);
  }
  return files;
}

async function isStored(directory: string, storagePath: string): Promise<boolean> {
  try {
    return (await stat(join(directory, storagePath))).isFile();
  } catch {
    return false;
  }
}

/**
 * Compares the folder with the rows. Safe while the app is writing: the rows are read before the
 * folder is listed (a file is always in place before its row commits), and each difference found
 * is checked again against the rows as they are afterwards, so an upload or a removal made during
 * the check is not reported.
 */
export async function checkEvidenceFolder(db: Db, directory: string): Promise<EvidenceFolderReport> {
  const named = namedRows(db);
  const files = await storedFiles(directory);
  const stored = new Set(files);
  const notStored = named.filter((row) => !stored.has(row.storagePath));
  const unnamed = files.filter(notAccountedFor(new Set(named.map((row) => row.storagePath))));

  const stillNamed = pathsNamed(db, notStored.map((row) => row.storagePath));
  const missing: MissingFile[] = [];
  for (const row of notStored) {
    if (stillNamed.has(row.storagePath) && !(await isStored(directory, row.storagePath))) missing.push(row);
  }
  const orphans = unnamed.filter(notAccountedFor(pathsNamed(db, unnamed.map(ownerOf))));
  return { filesNamed: named.length, filesStored: files.length, missing, orphans };
}

const THUMBNAIL_SUFFIX = thumbnailPathFor("");

/** The storage path a file in the folder belongs to: its own, or for a thumbnail the file it previews. */
const ownerOf = (file: string) => (file.endsWith(THUMBNAIL_SUFFIX) ? file.slice(0, -THUMBNAIL_SUFFIX.length) : file);

const notAccountedFor = (named: Set<string>) => (file: string) => !named.has(ownerOf(file));

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** How many paths of each kind the log lists; a longer list is cut with a count of the rest. */
const LISTED = 20;

function listed(paths: string[]): string[] {
  const lines = paths.slice(0, LISTED).map((path) => `  ${path}`);
  if (paths.length > LISTED) lines.push(`  … and ${paths.length - LISTED} more`);
  return lines;
}

/** The check's findings as log lines: what is missing and where it is named, then the orphans. */
function describeEvidenceFolder(report: EvidenceFolderReport): string[] {
  const lines = [`Evidence folder: ${plural(report.filesStored, "file")} stored, ${plural(report.filesNamed, "file")} named by the database.`];
  if (report.missing.length === 0 && report.orphans.length === 0) {
    lines.push("Every file the database names is there, and every stored file is named.");
  }
  if (report.missing.length > 0) {
    lines.push(`MISSING: ${plural(report.missing.length, "file")} named by the database ${report.missing.length === 1 ? "is" : "are"} not in the evidence folder:`);
    lines.push(...listed(report.missing.map((file) => `${file.storagePath} (named by ${file.namedBy})`)));
    lines.push("Restore the evidence folder from a backup taken with the database, then run npm run verify.");
  }
  if (report.orphans.length > 0) {
    lines.push(
      `${plural(report.orphans.length, "file")} in the evidence folder ${report.orphans.length === 1 ? "is" : "are"} not named by the database ` +
        "(uploads never recorded, for example cut off by a restart). Nothing refers to them; they are left as they are:",
    );
    lines.push(...listed(report.orphans));
  }
  return lines;
}

/**
 * The start-up check: compares the folder with the rows and logs the result, a missing file as
 * an error. The app starts either way, so the evidence that is there stays reachable.
 */
export async function logEvidenceFolderCheck(db: Db, directory: string): Promise<EvidenceFolderReport> {
  const report = await checkEvidenceFolder(db, directory);
  const log = report.missing.length > 0 ? console.error : console.log;
  log(describeEvidenceFolder(report).join("\n"));
  return report;
}
