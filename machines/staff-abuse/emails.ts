import type { EmailContracts, PersonRef } from "../kit";
import { managersAway, type AbuseReport } from "./machine";

/**
 * What each staff abuse email carries (stored with its outbox row): only the facts it shows, by
 * name. Never what happened, the kind of abuse, the protected characteristic, the impact, who did
 * it, or anything written in a step (support offered, police details, wellbeing notes, the
 * outcome): an email can be forwarded, and the outbox is copied with every backup. The rest stays
 * in Holdfast behind sign-in (decision 10).
 */

/**
 * The most the contracts may read of the context: who, where, when, whether the person said they
 * were in danger, and who acted when. The whole context fits it, and so does what outbox rows
 * queued before the contracts hold (migration 0012 cut them down to these fields).
 */
export interface StaffAbuseEmailContext {
  reporter: PersonRef;
  reportedAt: string;
  managers: PersonRef[];
  supportingManager: PersonRef | null;
  report: Pick<AbuseReport, "platform" | "link" | "happenedAt" | "inDanger">;
  wellbeingFollowUpDays: number;
  policeReminderHours: number;
  support: { by: PersonRef; at: string } | null;
  removal: { requestedAt: string | null; communicationsHelpAsked: boolean };
  outcome: { by: PersonRef; at: string } | null;
}

type Context = StaffAbuseEmailContext;

const reported = (context: Context) => ({ reporter: context.reporter.name, reportedAt: context.reportedAt, platform: context.report.platform });

/** The report as the emails' facts tell it: who, which platform, when it happened and was reported. */
const abuseFacts = (context: Context) => ({ ...reported(context), happenedAt: context.report.happenedAt });

/** The line manager the machine asks for support: the nearest one in today, or else the nearest. */
const lineManager = (context: Context) => (context.supportingManager ?? context.managers[0])?.name ?? null;

/**
 * The line manager asked, whether they are in today to be asked (else they see it when back), and
 * the nearer managers away today, so whoever is asked knows why it came to them.
 */
const managers = (context: Context) => ({
  lineManager: lineManager(context),
  lineManagerIn: context.supportingManager !== null,
  managersAway: managersAway(context).map((manager) => manager.name),
});

/** For the line manager and HR and safety only. */
const danger = (context: Context) => ({ inDanger: context.report.inDanger });

const whoAndWhen = (step: { by: PersonRef; at: string } | null) => (step ? { by: step.by.name, at: step.at } : null);

export const staffAbuseEmails = {
  "abuse-reported-manager": (context: Context) => ({ ...abuseFacts(context), ...managers(context), ...danger(context) }),
  "abuse-reported-hr": (context: Context) => ({ ...abuseFacts(context), ...managers(context), ...danger(context) }),
  "abuse-police-reminder": (context: Context) => ({ ...abuseFacts(context), policeReminderHours: context.policeReminderHours }),
  "abuse-support-recorded": (context: Context) => ({
    reporter: context.reporter.name,
    reportedAt: context.reportedAt,
    support: whoAndWhen(context.support),
    wellbeingFollowUpDays: context.wellbeingFollowUpDays,
  }),
  "abuse-support-overdue": (context: Context) => ({ ...abuseFacts(context), ...managers(context), ...danger(context) }),
  // To the manager who recorded the support, or else the line manager.
  "abuse-wellbeing-due": (context: Context) => ({
    ...abuseFacts(context),
    manager: context.support?.by.name ?? lineManager(context),
    supportRecordedAt: context.support?.at ?? null,
  }),
  "abuse-removal-help": (context: Context) => ({
    ...abuseFacts(context),
    link: context.report.link,
    removalRequestedAt: context.removal.requestedAt,
  }),
  "abuse-harmful-content-route": (context: Context) => ({
    reporter: context.reporter.name,
    platform: context.report.platform,
    removalRequestedAt: context.removal.requestedAt,
    communicationsHelpAsked: context.removal.communicationsHelpAsked,
  }),
  "abuse-closed": (context: Context) => ({ ...reported(context), closed: whoAndWhen(context.outcome) }),
} satisfies EmailContracts<StaffAbuseEmailContext>;

export type StaffAbuseEmails = typeof staffAbuseEmails;
