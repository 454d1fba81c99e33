import { formatDateTime } from "../app/utils/dates";
import type { PersonRef } from "../machines/effects";
import { ABUSE_KINDS, type StaffAbuseContext } from "../machines/staff-abuse";
import { Fact } from "./layout";
import type { IncidentEmailData } from "./types";

/**
 * Shared pieces of the staff abuse emails (emails/staff-abuse.tsx).
 *
 * PRIVACY: a staff abuse report is personal, and sometimes special-category, data. Emails leave
 * Holdfast, so these facts are deliberately minimal: who, which platform, when, the kind of
 * abuse in general terms and, for the line manager and HR and safety only, whether the person
 * said they were in danger. What happened in the person's own words, the impact on them, the
 * protected characteristic, who did it and the screenshots are never put in an email: they stay
 * in Holdfast, behind sign-in, for the people allowed to see them.
 */

/** What every staff abuse email receives. */
export type StaffAbuseEmailData = IncidentEmailData<StaffAbuseContext>;

/** "1 hour", "24 hours", "7 days". */
export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Where online hate crime can be reported (True Vision, run for the police). */
export const TRUE_VISION_URL = "https://www.report-it.org.uk";
/** Report Harmful Content, run by the UK Safer Internet Centre. */
export const REPORT_HARMFUL_CONTENT_URL = "https://reportharmfulcontent.com";

/** The line manager the machine asks for support: the nearest one in today, or else the nearest. */
export function lineManager(context: StaffAbuseContext): PersonRef | null {
  return context.supportingManager ?? context.managers[0] ?? null;
}

/** The kinds of abuse, in the general terms of the report form; never the protected characteristic. */
export function abuseKinds(context: StaffAbuseContext): string {
  const kinds = context.report.kinds.map((kind) => ABUSE_KINDS[kind]);
  return kinds.length > 0 ? kinds.join("; ") : "Not given";
}

/** "Jo Lee's report of online abuse on Facebook, made on Fri 20 Nov 2026, 16:55" */
export function reportDescription(context: StaffAbuseContext): string {
  return `${context.reporter.name}'s report of online abuse on ${context.report.platform}, made on ${formatDateTime(context.reportedAt)}`;
}

/**
 * The report, as far as an email may tell it (see PRIVACY above). `danger` is for the line
 * manager and HR and safety only; `link` (to the abusive content) for Communications helping to
 * get it removed.
 */
export function AbuseFacts({ context, danger = false, link = false }: { context: StaffAbuseContext; danger?: boolean; link?: boolean }) {
  const { report } = context;
  return (
    <>
      <Fact label="Member of staff" value={context.reporter.name} />
      <Fact label="Platform" value={report.platform} />
      {link ? <Fact label="Link to the content" value={report.link ?? "No link was given: the screenshots are in Holdfast"} /> : null}
      <Fact label="When it happened" value={formatDateTime(report.happenedAt)} />
      <Fact label="Reported" value={formatDateTime(context.reportedAt)} />
      <Fact label="Kind of abuse" value={abuseKinds(context)} />
      {danger ? <Fact label="Said they were in danger" value={report.inDanger ? "Yes" : "No"} /> : null}
    </>
  );
}
