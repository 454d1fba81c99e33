import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { custodyEvents, evidenceFiles, people, type CustodyEvent } from "../../db/schema";
import { preparedPerDatabase } from "../../db/prepared";

/**
 * The chain of custody of an incident's evidence: who viewed or downloaded which file, or the
 * whole pack, and when. Its own append-only record beside the timeline: reading evidence is not
 * a step of the procedure, so it never goes through the machines or the hash chain.
 */

export type CustodyAction = CustodyEvent["action"];

export const CUSTODY_LABELS: Record<CustodyAction, string> = {
  viewed_thumbnail: "Thumbnail viewed",
  downloaded_file: "File downloaded",
  downloaded_pack_pdf: "Evidence pack downloaded (PDF)",
  downloaded_pack_zip: "Evidence pack downloaded (ZIP)",
};

/**
 * Records one view or download. Call only once the person has been authorised for the incident
 * and the file (or pack) is about to be served; `evidenceFileId` is null for a whole pack.
 */
export function recordCustody(
  db: Db,
  entry: { incidentId: number; evidenceFileId: number | null; action: CustodyAction; personId: number; at?: Date },
): CustodyEvent {
  return db
    .insert(custodyEvents)
    .values({
      incidentId: entry.incidentId,
      evidenceFileId: entry.evidenceFileId,
      action: entry.action,
      personId: entry.personId,
      at: (entry.at ?? new Date()).toISOString(),
    })
    .returning()
    .get();
}

const PACK_ACTIONS: CustodyAction[] = ["downloaded_pack_pdf", "downloaded_pack_zip"];

export interface CustodyEntry {
  id: number;
  action: CustodyAction;
  label: string;
  at: string;
  personName: string;
  evidenceFileId: number | null;
  /** The file's original name, or null for the whole pack. */
  fileName: string | null;
}

/** An incident's custody events in the order they happened, with who and which file. */
export function listCustody(db: Db, incidentId: number): CustodyEntry[] {
  return db
    .select({
      id: custodyEvents.id,
      action: custodyEvents.action,
      at: custodyEvents.at,
      personName: people.name,
      evidenceFileId: custodyEvents.evidenceFileId,
      fileName: evidenceFiles.originalName,
    })
    .from(custodyEvents)
    .innerJoin(people, eq(people.id, custodyEvents.personId))
    .leftJoin(evidenceFiles, eq(evidenceFiles.id, custodyEvents.evidenceFileId))
    .where(eq(custodyEvents.incidentId, incidentId))
    .orderBy(asc(custodyEvents.at), asc(custodyEvents.id))
    .all()
    .map((row) => ({ ...row, label: CUSTODY_LABELS[row.action], fileName: row.fileName ?? null }));
}

const packDownloadsQuery = preparedPerDatabase((db) => {
  const from = sql.placeholder("from");
  const before = sql.placeholder("before");
  return db
    .select({ id: custodyEvents.id, action: custodyEvents.action, at: custodyEvents.at, personName: people.name })
    .from(custodyEvents)
    .innerJoin(people, eq(people.id, custodyEvents.personId))
    .where(
      and(
        eq(custodyEvents.incidentId, sql.placeholder("incidentId")),
        inArray(custodyEvents.action, PACK_ACTIONS),
        sql`(${from} is null or ${custodyEvents.at} >= ${from})`,
        sql`(${before} is null or ${custodyEvents.at} < ${before})`,
      ),
    )
    .orderBy(asc(custodyEvents.at), asc(custodyEvents.id))
    .prepare();
});

/**
 * The evidence pack downloads of an incident at or after `from` and strictly before `before`
 * (ISO times; null for no bound), in the order they happened: those among one page of the timeline.
 */
export function listPackDownloads(db: Db, incidentId: number, range: { from: string | null; before: string | null }): CustodyEntry[] {
  return packDownloadsQuery(db)
    .all({ incidentId, from: range.from, before: range.before })
    .map((row) => ({ ...row, label: CUSTODY_LABELS[row.action], evidenceFileId: null, fileName: null }));
}
