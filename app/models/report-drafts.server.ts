import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { reportDrafts, type ReportDraft } from "../../db/schema";

export type DraftData = Record<string, unknown>;

/** The report someone has started of this kind, if any. */
export function loadDraft(db: Db, personId: number, kind: string): ReportDraft | undefined {
  return db
    .select()
    .from(reportDrafts)
    .where(and(eq(reportDrafts.personId, personId), eq(reportDrafts.kind, kind)))
    .get();
}

/**
 * Saves one page of answers into the draft, creating it on the first page. The merge happens in
 * SQLite (JSON merge patch, RFC 7396) inside the upsert, so two saves close together cannot lose
 * each other's answers. A key given as null is removed: that is how a page says an optional
 * answer was cleared. Lists are replaced whole.
 */
export function saveDraft(db: Db, personId: number, kind: string, data: DraftData, now: Date): ReportDraft {
  const updatedAt = now.toISOString();
  const patch = JSON.stringify(data);
  return db
    .insert(reportDrafts)
    // A new draft is the patch applied to nothing, so it keeps no nulls either.
    .values({ personId, kind, data: sql`json_patch('{}', ${patch})`, updatedAt })
    .onConflictDoUpdate({
      target: [reportDrafts.personId, reportDrafts.kind],
      set: { data: sql`json_patch(${reportDrafts.data}, ${patch})`, updatedAt },
    })
    .returning()
    .get();
}

/** Deletes the draft and returns what it held (so the caller can remove files it points to). */
export function deleteDraft(db: Db, personId: number, kind: string): ReportDraft | undefined {
  return db
    .delete(reportDrafts)
    .where(and(eq(reportDrafts.personId, personId), eq(reportDrafts.kind, kind)))
    .returning()
    .get();
}
