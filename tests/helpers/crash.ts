import { saveQuestionPage } from "../../app/paths/staff-abuse/report.server";
import { toOrganisationLocalInput } from "../../machines/kit/dates";
import type { Db } from "../../db/client";
import { makePng } from "./images";

/** What the crash tests and the process they kill (crash-child.ts) share. */

/** How many screenshots each abuse report of the crash tests carries. */
export const CRASH_SCREENSHOTS = 3;

/** What the n-th report says happened: it tells the reports (and a draft left behind) apart. */
export const reportText = (number: number) => `Report ${number} of the crash test: abuse under a post about the library.`;

/** The four question pages of an abuse report, answered as their forms send them. */
export function answerAbuseQuestions(db: Db, personId: number, number: number) {
  const now = new Date();
  saveQuestionPage(db, personId, "danger", { inDanger: "no" }, now);
  saveQuestionPage(db, personId, "kind", { kinds: ["harassment"], connectedToRole: "yes" }, now);
  saveQuestionPage(db, personId, "where-and-when", { platform: "Facebook", happenedAt: toOrganisationLocalInput(new Date(Date.now() - 60 * 60_000)) }, now);
  saveQuestionPage(db, personId, "what-happened", { whatHappened: reportText(number), impact: "Upset at work." }, now);
}

/** A multipart request of `count` distinct PNG screenshots, as a browser sends them. */
export function screenshotForm(count: number): Request {
  const form = new FormData();
  for (let index = 0; index < count; index += 1) {
    form.append("evidence", new File([new Uint8Array(makePng(16 + index, 12))], `screenshot-${index + 1}.png`, { type: "image/png" }));
  }
  return new Request("http://localhost/upload", { method: "POST", body: form });
}
