import { eq, sql } from "drizzle-orm";
import { emailDataOf, type EmailData, type EmailExtra, type PathDefinition } from "../machines/kit";
import { escalationPathFor } from "../machines/registry";
import type { Db } from "./client";
import { incidents, outbox } from "./schema";

/** What every incident email's row stores besides its contract's data; the worker adds the link. */
export interface IncidentEmailFields {
  reference: string;
  title: string;
  incidentPath: string;
}

/**
 * The data an outbox row stores: the incident's reference, title and path, and what the
 * template's contract returns of the context. Never the context itself: the row outlives the
 * email and is copied with every backup.
 */
export function outboxRowData(
  path: PathDefinition,
  incident: { reference: string; title: string },
  email: { template: string; context: unknown; extra: EmailExtra | undefined },
): EmailData & IncidentEmailFields {
  return {
    ...emailDataOf(path.emails, email.template, email.context, email.extra),
    reference: incident.reference,
    title: incident.title,
    incidentPath: `/incidents/${incident.reference}`,
  };
}

/**
 * Rows queued before the email contracts hold `{...extra, reference, title, kind, incidentPath,
 * context}`: each is rewritten, whatever its status (a sent one may be shown or sent again), to
 * what a row queued today stores, through its path's contract. One transaction; rows already
 * rewritten have no context and are left alone. A row its contract cannot take (a template or a
 * crisis task that no longer exists) keeps only the reference, title and link and is marked
 * failed with the reason, so the admin sees it and the server still starts. Returns how many were
 * rewritten.
 */
export function rewriteOutboxRowsWithContext(db: Db): number {
  return db.transaction((tx) => {
    const rows = tx
      .select({ id: outbox.id, template: outbox.template, data: outbox.data, kind: incidents.kind })
      .from(outbox)
      .innerJoin(incidents, eq(incidents.id, outbox.incidentId))
      .where(sql`json_type(${outbox.data}, '$.context') is not null`)
      .all();
    for (const row of rows) {
      const { reference, title, kind: _kind, incidentPath: _incidentPath, context, ...extra } = row.data;
      const incident = { reference: String(reference), title: String(title) };
      try {
        const data = outboxRowData(escalationPathFor(row.kind), incident, { template: row.template, context, extra: extra as EmailExtra });
        tx.update(outbox).set({ data }).where(eq(outbox.id, row.id)).run();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        tx.update(outbox)
          .set({ data: { ...incident, incidentPath: `/incidents/${incident.reference}` }, status: "failed", lastError: `Not rewritten for its email contract: ${reason}` })
          .where(eq(outbox.id, row.id))
          .run();
      }
    }
    return rows.length;
  });
}
