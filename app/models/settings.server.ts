import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { DEFAULT_SETTINGS } from "../../db/seed";
import { settings } from "../../db/schema";

/** Minutes an officer has to acknowledge a mistaken-post report before the next one is asked. */
export function acknowledgementMinutes(db: Db): number {
  const row = db.select().from(settings).where(eq(settings.key, "acknowledgement_minutes")).get();
  const minutes = Number(row?.value ?? DEFAULT_SETTINGS.acknowledgement_minutes);
  return Number.isInteger(minutes) && minutes > 0 ? minutes : Number(DEFAULT_SETTINGS.acknowledgement_minutes);
}

export function setAcknowledgementMinutes(db: Db, minutes: number) {
  db.insert(settings)
    .values({ key: "acknowledgement_minutes", value: String(minutes) })
    .onConflictDoUpdate({ target: settings.key, set: { value: String(minutes) } })
    .run();
}
