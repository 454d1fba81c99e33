import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import type { Db } from "../../../db/client";
import type { AbuseReport } from "../../../machines/staff-abuse";
import {
  QUESTION_SLUGS,
  questionFields,
  questionPage,
  screenshotsSchema,
  type PageSlug,
  type QuestionAnswers,
  type QuestionSlug,
} from "./report-schema";
import type { CurrentUser } from "../../utils/auth.server";
import { discardUnrecordedEvidence } from "../../models/evidence.server";
import { recordScreenshots } from "../../models/incidents.server";
import { recordActions } from "../../models/limits.server";
import { sendReportOnce, type ReportSent } from "../../models/report-sending.server";
import { deleteDraft, loadDraft, saveDraft, type DraftData } from "../../models/report-drafts.server";
import { reportStaffAbuse } from "./model.server";

/**
 * The staff abuse report as it is written: each page's answers are kept in the person's draft
 * exactly as the form sent them, so a page shows them again as they were typed, and the whole
 * draft is checked again, page by page, with the same schemas before it is sent.
 */

export const ABUSE_DRAFT_KIND = "staff_abuse";

const draftScreenshot = z.object({
  originalName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  storagePath: z.string(),
  absolutePath: z.string(),
});
export type DraftScreenshot = z.infer<typeof draftScreenshot>;

export function loadAbuseDraft(db: Db, personId: number) {
  return loadDraft(db, personId, ABUSE_DRAFT_KIND);
}

export function draftScreenshots(data: DraftData | undefined): DraftScreenshot[] {
  const parsed = z.array(draftScreenshot).safeParse(data?.screenshots);
  return parsed.success ? parsed.data : [];
}

/** The draft's answers to these fields, to fill a page's form again. */
export function draftAnswers(data: DraftData | undefined, fields: readonly string[]): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const field of fields) {
    const value = data?.[field];
    if (typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"))) answers[field] = value;
  }
  return answers;
}

/** The draft's answers as the page's form would send them, so they are checked exactly as on submit. */
function asFormData(answers: Record<string, string | string[]>): FormData {
  const formData = new FormData();
  for (const [field, value] of Object.entries(answers)) {
    for (const item of Array.isArray(value) ? value : [value]) formData.append(field, item);
  }
  return formData;
}

function checkQuestionPage(slug: QuestionSlug, data: DraftData | undefined) {
  return parseWithZod(asFormData(draftAnswers(data, questionFields(slug))), { schema: questionPage(slug).schema });
}

function checkScreenshotsPage(data: DraftData | undefined) {
  const answers = { ...draftAnswers(data, ["noScreenshotReason"]), intent: "continue" };
  return parseWithZod(asFormData(answers), { schema: screenshotsSchema(draftScreenshots(data).length) });
}

/** What is wrong with a page's saved answers, shown when someone is sent back to it. */
export function savedPageProblems(slug: QuestionSlug | "screenshots", data: DraftData | undefined): SubmissionResult<string[]> {
  return (slug === "screenshots" ? checkScreenshotsPage(data) : checkQuestionPage(slug, data)).reply();
}

/** Saves one question page. Every field of the page is written, so an answer taken away is removed. */
export function saveQuestionPage(db: Db, personId: number, slug: QuestionSlug, payload: Record<string, unknown>, now: Date) {
  const answers = Object.fromEntries(questionFields(slug).map((field) => [field, payload[field] ?? null]));
  saveDraft(db, personId, ABUSE_DRAFT_KIND, answers, now);
}

export function saveScreenshotsPage(
  db: Db,
  personId: number,
  answers: { screenshots: DraftScreenshot[]; noScreenshotReason: string | null },
  now: Date,
) {
  saveDraft(db, personId, ABUSE_DRAFT_KIND, answers, now);
}

/**
 * The screenshots page's save, in one transaction: the files just uploaded are added to the draft
 * and counted as the person's uploads, the one asked for is taken out, and the reason is kept.
 * Returns the draft's screenshots now, and the one taken out for the caller to delete from disk.
 */
export function updateDraftScreenshots(
  db: Db,
  personId: number,
  change: { added: DraftScreenshot[]; removing: string | null; noScreenshotReason: string | null },
  now: Date,
): { screenshots: DraftScreenshot[]; removed: DraftScreenshot[] } {
  return db.transaction(
    () => {
      const saved = draftScreenshots(loadAbuseDraft(db, personId)?.data);
      const removed = saved.filter((file) => file.storagePath === change.removing);
      const screenshots = [...saved.filter((file) => file.storagePath !== change.removing), ...change.added];
      saveScreenshotsPage(db, personId, { screenshots, noScreenshotReason: change.noScreenshotReason }, now);
      recordActions(db, personId, "upload", change.added.length, now);
      return { screenshots, removed };
    },
    { behavior: "immediate" },
  );
}

export type DraftCheck = { ok: true; report: AbuseReport; screenshots: DraftScreenshot[] } | { ok: false; slug: PageSlug };

/** The report the draft makes, or the first page whose answers are missing or no longer right. */
export function checkDraft(data: DraftData | undefined): DraftCheck {
  const answers: Partial<QuestionAnswers> = {};
  for (const slug of QUESTION_SLUGS) {
    const submission = checkQuestionPage(slug, data);
    if (submission.status !== "success") return { ok: false, slug };
    Object.assign(answers, { [slug]: submission.value });
  }
  const screenshotsPage = checkScreenshotsPage(data);
  if (screenshotsPage.status !== "success") return { ok: false, slug: "screenshots" };
  const { danger, kind, "where-and-when": where, "what-happened": what } = answers as QuestionAnswers;
  return {
    ok: true,
    report: {
      inDanger: danger.inDanger === "yes",
      platform: where.platform,
      link: where.link ?? null,
      happenedAt: where.happenedAt.toISOString(),
      perpetrator: where.perpetrator ?? null,
      whatHappened: what.whatHappened,
      kinds: kind.kinds,
      protectedCharacteristics: kind.protectedCharacteristics,
      connectedToRole: kind.connectedToRole,
      impact: what.impact,
      noScreenshotReason: screenshotsPage.value.noScreenshotReason ?? null,
    },
    screenshots: draftScreenshots(data),
  };
}

/** Where "Carry on where you left off" goes: the first page not yet answered, or the check page. */
export function resumeSlug(data: DraftData | undefined): PageSlug {
  const check = checkDraft(data);
  return check.ok ? "check" : check.slug;
}

type SendRefusal = { ok: false; slug: PageSlug | null };
export type SendOutcome = ReportSent | SendRefusal;

/**
 * Sends the draft as a staff abuse report, once per form (see sendReportOnce): the incident is
 * opened (the line manager and HR and safety are told), the draft's screenshots attached and the
 * draft deleted, all in one transaction. Its files now belong to the incident, so they are kept.
 * Refused with the page to go back to when an answer is missing, or with no page (slug null)
 * when there is no draft: it was sent from another copy of the page, or never started.
 */
export function sendAbuseReport(db: Db, user: CurrentUser, submissionKey: string, now: Date): SendOutcome {
  return sendReportOnce<SendRefusal>(db, { reporterId: user.id, submissionKey, now }, () => {
    const draft = loadAbuseDraft(db, user.id);
    if (!draft) return { ok: false, slug: null };
    const check = checkDraft(draft.data);
    if (!check.ok) return check;
    const reported = reportStaffAbuse(db, { id: user.id, name: user.name }, check.report, now, submissionKey);
    const incident = recordScreenshots(db, { incident: reported, expectedVersion: reported.version, user, files: check.screenshots, now });
    deleteDraft(db, user.id, ABUSE_DRAFT_KIND);
    return { ok: true, incident };
  });
}

/**
 * "Start again": the draft is deleted, and the files it kept unless a sent report names them
 * (a draft left behind by a report sent before sending was one transaction).
 */
export async function discardAbuseDraft(db: Db, personId: number): Promise<void> {
  const deleted = deleteDraft(db, personId, ABUSE_DRAFT_KIND);
  await discardUnrecordedEvidence(db, draftScreenshots(deleted?.data));
}
