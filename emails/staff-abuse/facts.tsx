import { formatDateTime } from "../../machines/kit/dates";
import type { StaffAbuseEmails } from "../../machines/staff-abuse";
import { Fact } from "../layout";
import type { EmailProps } from "../types";

/**
 * Shared pieces of the staff abuse emails (emails/staff-abuse/messages.tsx).
 *
 * PRIVACY: a staff abuse report is personal, and sometimes special-category, data. Emails leave
 * Holdfast and can be forwarded, so these facts are deliberately minimal: who, which platform,
 * when and, for the line manager and HR and safety only, whether the person said they were in
 * danger. The kind of abuse (a hate incident marked in a forwardable email is itself special-
 * category data), what happened in the person's own words, the impact on them, the protected
 * characteristic, who did it and the screenshots are never put in an email: the emails do not
 * even receive them (machines/staff-abuse/emails.ts). They stay in Holdfast, behind sign-in, for the
 * people allowed to see them.
 */

/** The props of one staff abuse template. */
export type StaffAbuseEmailProps<Name extends keyof StaffAbuseEmails> = EmailProps<StaffAbuseEmails, Name>;

/** "1 hour", "24 hours", "7 days". */
export const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Where online hate crime can be reported (True Vision, run for the police). */
export const TRUE_VISION_URL = "https://www.report-it.org.uk";
/** Report Harmful Content, run by the UK Safer Internet Centre. */
export const REPORT_HARMFUL_CONTENT_URL = "https://reportharmfulcontent.com";

/** "Jo Lee's report of online abuse on Facebook, made on Fri 20 Nov 2026, 16:55" */
export function reportDescription(report: { reporter: string; platform: string; reportedAt: string }): string {
  return `${report.reporter}'s report of online abuse on ${report.platform}, made on ${formatDateTime(report.reportedAt)}`;
}

/**
 * The report, as far as an email may tell it (see PRIVACY above). Whether they said they were in
 * danger is shown when the email carries it (to the line manager and HR and safety only), and
 * the link to the abusive content likewise (to Communications helping to get it removed).
 */
export function AbuseFacts(facts: { reporter: string; platform: string; happenedAt: string; reportedAt: string; inDanger?: boolean; link?: string | null }) {
  return (
    <>
      <Fact label="Member of staff" value={facts.reporter} />
      <Fact label="Platform" value={facts.platform} />
      {facts.link !== undefined ? <Fact label="Link to the content" value={facts.link ?? "No link was given: the screenshots are in Holdfast"} /> : null}
      <Fact label="When it happened" value={formatDateTime(facts.happenedAt)} />
      <Fact label="Reported" value={formatDateTime(facts.reportedAt)} />
      {facts.inDanger !== undefined ? <Fact label="Said they were in danger" value={facts.inDanger ? "Yes" : "No"} /> : null}
    </>
  );
}
