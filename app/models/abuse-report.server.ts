import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import type { Db } from "../../db/client";
import type { Incident } from "../../db/schema";
import type { AbuseReport } from "../../machines/staff-abuse";
import {
  QUESTION_SLUGS,
  questionFields,
  questionPage,
  screenshotsSchema,
  type PageSlug,
  type QuestionAnswers,
  type QuestionSlug,
} from "../schemas/staff-abuse-report";
import type { CurrentUser } from "../utils/auth.server";
import { discardStoredEvidence } from "../utils/evidence.server";
import { attachScreenshots } from "./incidents.server";
import { deleteDraft, loadDraft, saveDraft, type DraftData } from "./report-drafts.server";
import { reportStaffAbuse } from "./staff-abuse.server";

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

export type SendOutcome =
  | { ok: true; incident: Incident; screenshotsAttached: boolean }
  | { ok: false; slug: PageSlug };

/**
 * Sends the draft as a staff abuse report: the incident is opened (the line manager and HR and
 * safety are told), the screenshots attached, and the draft deleted. Its files now belong to the
 * incident, so they are kept. Null when there is no draft.
 */
export function sendAbuseReport(db: Db, user: CurrentUser, now: Date): SendOutcome | null {
  const draft = loadAbuseDraft(db, user.id);
  // Nothing to send: it was sent a moment ago (a second press of the button) or never started.
  if (!draft) return null;
  const check = checkDraft(draft.data);
  if (!check.ok) return check;
  const incident = reportStaffAbuse(db, { id: user.id, name: user.name }, check.report, now);
  const attached = attachScreenshots(db, { incident, expectedVersion: incident.version, user, files: check.screenshots });
  deleteDraft(db, user.id, ABUSE_DRAFT_KIND);
  return { ok: true, incident, screenshotsAttached: attached === null || attached.ok };
}

/** "Start again": the draft and the files it kept are deleted. */
export async function discardAbuseDraft(db: Db, personId: number): Promise<void> {
  const deleted = deleteDraft(db, personId, ABUSE_DRAFT_KIND);
  await discardStoredEvidence(draftScreenshots(deleted?.data));
}
