import { asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { preparedPerDatabase } from "../../db/prepared";
import { channelPauses, channels, incidents } from "../../db/schema";
import type { CurrentUser } from "../utils/auth.server";
import { canViewIncident } from "./incidents.server";

/**
 * The banner every page shows while an incident's crisis pause is open: from the plan being put
 * in force, through the stand-down, until its held posts are reviewed and the schedule resumes.
 * It names the channels whose posts are paused, and links each such incident for whoever may
 * read it. Read on every request from the open pauses (the partial unique index on
 * channel_pauses holds exactly the open ones, so this reads those rows and nothing else); the
 * incident itself is read only while a pause is open, to ask whether this person may follow the link.
 */

const openCrisisPauses = preparedPerDatabase((db) =>
  db
    .select({ handle: channels.handle, incidentId: incidents.id, reference: incidents.reference })
    .from(channelPauses)
    .innerJoin(channels, eq(channels.id, channelPauses.channelId))
    .innerJoin(incidents, eq(incidents.id, channelPauses.incidentId))
    .where(isNull(channelPauses.resumedAt))
    .orderBy(asc(incidents.reference), asc(channels.handle))
    .prepare(),
);

const incidentById = preparedPerDatabase((db) => db.select().from(incidents).where(eq(incidents.id, sql.placeholder("id"))).prepare());

export interface CrisisBanner {
  /** The paused channels' handles, each once. */
  channels: string[];
  /** The incidents whose plans paused them: a reference this person may open, or null for one they may not. */
  incidents: { reference: string | null }[];
}

export function crisisBanner(db: Db, user: CurrentUser): CrisisBanner | null {
  const rows = openCrisisPauses(db).all();
  if (rows.length === 0) return null;
  const incidentIds = [...new Set(rows.map((row) => row.incidentId))];
  return {
    channels: [...new Set(rows.map((row) => row.handle))],
    incidents: incidentIds.map((id) => {
      const incident = incidentById(db).get({ id });
      return { reference: incident && canViewIncident(db, user, incident) ? incident.reference : null };
    }),
  };
}
