import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { eq } from "drizzle-orm";
import { draftScreenshots, loadAbuseDraft, resumeSlug, sendAbuseReport, updateDraftScreenshots } from "../../app/paths/staff-abuse/report.server";
import { attachScreenshots } from "../../app/models/incidents.server";
import type { CurrentUser } from "../../app/utils/auth.server";
import { receiveEvidenceUpload } from "../../app/utils/evidence.server";
import { openDatabase } from "../../db/client";
import { incidents, people } from "../../db/schema";
import { answerAbuseQuestions, CRASH_SCREENSHOTS, screenshotForm } from "./crash";

/**
 * The process the crash tests kill with SIGKILL (tests/integration/crash.test.ts):
 *
 *   tsx tests/helpers/crash-child.ts <send|upload> <database> <person's email> <hook|"random"> [incident id]
 *
 * send: sends the person's abuse report draft, through the app's own sendAbuseReport; with
 * "random", writes a new draft (answers and CRASH_SCREENSHOTS uploaded files) and sends it, over
 * and over, until killed. upload: stores uploaded files and records them, on the incident given
 * (as the incident page does) and in the person's draft (as the screenshots page does), in turn.
 *
 * A hook "<table>:<insert|update|delete>:<n>" kills the process itself, from inside SQLite, just
 * after the n-th such change of that table: inside the transaction, before it commits. It is a
 * temporary trigger of this connection only, calling a function of this process: the app's code
 * and the database file are as they always are.
 */

const [mode, databasePath, email, hook, incidentArgument] = process.argv.slice(2);
const db = openDatabase(databasePath);
const directory = join(dirname(databasePath), "evidence");
const person = db.select().from(people).where(eq(people.email, email)).get();
if (!person) throw new Error(`No person ${email}`);
const user: CurrentUser = { id: person.id, name: person.name, email: person.email, jobTitle: person.jobTitle, roles: ["staff"] };

if (hook !== "random") {
  const [table, change, nth] = hook.split(":");
  let seen = 0;
  db.$client.function("crash_here", () => {
    seen += 1;
    if (seen === Number(nth)) process.kill(process.pid, "SIGKILL");
    return null;
  });
  db.$client.exec(`create temp trigger crash_hook after ${change} on main.${table} begin select crash_here(); end`);
}

// One report a minute on the reports' own clock, so the per-minute limit never holds them up.
const START = Date.now();
const reportTime = (number: number) => new Date(START + number * 61_000);

async function storeScreenshots(count: number) {
  const upload = await receiveEvidenceUpload(screenshotForm(count), { directory });
  return upload.files;
}

async function send() {
  while (true) {
    const number = db.select({ id: incidents.id }).from(incidents).where(eq(incidents.reporterId, user.id)).all().length + 1;
    // A draft the last kill cut off while it was being written is finished first.
    const draft = loadAbuseDraft(db, user.id);
    if (!draft || resumeSlug(draft.data) !== "check") {
      answerAbuseQuestions(db, user.id, number);
      if (draftScreenshots(draft?.data).length === 0) {
        const files = await storeScreenshots(CRASH_SCREENSHOTS);
        updateDraftScreenshots(db, user.id, { added: files, removing: null, noScreenshotReason: null }, reportTime(number));
      }
    }
    console.log(`sending ${number}`);
    sendAbuseReport(db, user, randomUUID(), reportTime(number));
    if (hook !== "random") return;
  }
}

async function upload() {
  for (let round = 0; ; round += 1) {
    const files = await storeScreenshots(2);
    console.log(`recording ${round}`);
    if (round % 2 === 0) {
      const incident = db.select().from(incidents).where(eq(incidents.id, Number(incidentArgument))).get()!;
      attachScreenshots(db, { incident, expectedVersion: incident.version, user, files });
    } else {
      updateDraftScreenshots(db, user.id, { added: files, removing: null, noScreenshotReason: null }, new Date());
    }
    if (hook !== "random" && round >= 1) return;
  }
}

console.log("ready");
await (mode === "send" ? send() : upload());
console.log("finished");
db.$client.close();
