import { attachScreenshots } from "../../app/models/incidents.server";
import { reportStaffAbuse } from "../../app/paths/staff-abuse/model.server";
import { receiveEvidenceUpload } from "../../app/utils/evidence.server";
import type { Incident } from "../../db/schema";
import type { AbuseReport } from "../../machines/staff-abuse";
import type { TestDatabase } from "./database";
import { makePng } from "./images";

export const SAMPLE_ABUSE_REPORT: AbuseReport = {
  inDanger: false,
  platform: "X (Twitter)",
  link: "https://x.example/post/1",
  happenedAt: new Date(Date.now() - 60 * 60_000).toISOString(),
  perpetrator: "@angryresident",
  whatHappened: "Said they would wait for me after the park consultation.",
  kinds: ["threat"],
  protectedCharacteristics: [],
  connectedToRole: "yes",
  impact: "I do not feel safe on site visits.",
  noScreenshotReason: null,
};

/** A staff abuse report from a demo person, through the same model the app uses. */
export function reportAbuseAs(test: TestDatabase, key: string, report: AbuseReport = SAMPLE_ABUSE_REPORT): Incident {
  return reportStaffAbuse(test.db, test.person(key), report, new Date());
}

/** Uploads a real PNG as a browser would and attaches it to the incident; returns its evidence id. */
export async function addScreenshot(test: TestDatabase, incident: Incident, key: string): Promise<number> {
  const form = new FormData();
  form.append("evidence", new File([new Uint8Array(makePng(32, 24))], "abuse.png", { type: "image/png" }));
  const upload = await receiveEvidenceUpload(new Request("http://localhost/upload", { method: "POST", body: form }));
  const person = test.person(key);
  const outcome = attachScreenshots(test.db, {
    incident,
    expectedVersion: incident.version,
    user: { ...person, email: "", jobTitle: "", roles: ["staff"] },
    files: upload.files,
  });
  if (!outcome?.ok) throw new Error(`Could not attach the screenshot: ${outcome?.message}`);
  const row = test.db.$client.prepare("select id from evidence_files where incident_id = ? order by id desc limit 1").get(incident.id) as { id: number };
  return row.id;
}
