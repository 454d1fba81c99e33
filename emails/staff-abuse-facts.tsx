import { formatDateTime } from "../machines/kit/dates";
import type { PersonRef } from "../machines/kit";
import type { StaffAbuseEmailContext } from "../machines/staff-abuse";
import { Fact } from "./layout";
import type { IncidentEmailData } from "./types";

/**
 * Shared pieces of the staff abuse emails (emails/staff-abuse.tsx).
 *
 * PRIVACY: a staff abuse report is personal, and sometimes special-category, data. Emails leave
 * Holdfast and can be forwarded, so these facts are deliberately minimal: who, which platform,
 * when and, for the line manager and HR and safety only, whether the person said they were in
 * danger. The kind of abuse (a hate incident marked in a forwardable email is itself special-
 * category data), what happened in the person's own words, the impact on them, the protected
 * characteristic, who did it and the screenshots are never put in an email: the emails do not
 * even receive them (staffAbuseEmailContext). They stay in Holdfast, behind sign-in, for the
 * people allowed to see them.
 */

/** What every staff abuse email receives. */
export type StaffAbuseEmailData = IncidentEmailData<StaffAbuseEmailContext>;

/** "1 hour", "24 hours", "7 days". */
export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Where online hate crime can be reported (True Vision, run for the police). */
export const TRUE_VISION_URL = "https://www.report-it.org.uk";
/** Report Harmful Content, run by the UK Safer Internet Centre. */
export const REPORT_HARMFUL_CONTENT_URL = "https://reportharmfulcontent.com";

/** The line manager the machine asks for support: the nearest one in today, or else the nearest. */
export function lineManager(context: StaffAbuseEmailContext): PersonRef | null {
  return context.supportingManager ?? context.managers[0] ?? null;
}

/** "Jo Lee's report of online abuse on Facebook, made on Fri 20 Nov 2026, 16:55" */
export function reportDescription(context: StaffAbuseEmailContext): string {
  return `${context.reporter.name}'s report of online abuse on ${context.report.platform}, made on ${formatDateTime(context.reportedAt)}`;
}

/**
 * The report, as far as an email may tell it (see PRIVACY above). `danger` is for the line
 * manager and HR and safety only; `link` (to the abusive content) for Communications helping to
 * get it removed.
 */
export function AbuseFacts({ context, danger = false, link = false }: { context: StaffAbuseEmailContext; danger?: boolean; link?: boolean }) {
  const { report } = context;
  return (
    <>
      <Fact label="Member of staff" value={context.reporter.name} />
      <Fact label="Platform" value={report.platform} />
      {link ? <Fact label="Link to the content" value={report.link ?? "No link was given: the screenshots are in Holdfast"} /> : null}
      <Fact label="When it happened" value={formatDateTime(report.happenedAt)} />
      <Fact label="Reported" value={formatDateTime(context.reportedAt)} />
      {danger ? <Fact label="Said they were in danger" value={report.inDanger ? "Yes" : "No"} /> : null}
    </>
  );
}
