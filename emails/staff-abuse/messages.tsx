import { Link, Text } from "@react-email/components";
import { formatDateTime } from "../../machines/kit/dates";
import { addMinutes, listOfNames } from "../../machines/kit";
import { PLATFORM_WAIT_HOURS, SUPPORT_DEADLINE_HOURS } from "../../machines/staff-abuse";
import { EmailLayout, Fact } from "../layout";
import { AbuseFacts, plural, REPORT_HARMFUL_CONTENT_URL, reportDescription, TRUE_VISION_URL, type StaffAbuseEmailProps } from "./facts";

/**
 * The emails of the staff abuse procedure (Barnsley social media policy sections 5 and 7; B3
 * policy 3.5.11): to the member of staff who was abused, their line manager, HR and safety, and
 * Communications when asked to help with removal.
 *
 * PRIVACY: these reports are personal and sometimes special-category data, and an email leaves
 * Holdfast and can be forwarded, printed or read over a shoulder. So no email here names the
 * kind of abuse, says what happened in the person's own words, the impact on them, the
 * protected characteristic or who did it, quotes anything written in a step (the support
 * offered, the outcome), or shows the screenshots. Each gives only what its recipient needs to
 * act (who, which platform, when, and whether they said they were in danger for the line
 * manager and HR and safety only) and the link to Holdfast, where the rest is behind sign-in.
 * Each receives only what its contract (machines/staff-abuse/emails.ts) carries. Keep it that
 * way: tests/unit/emails.test.ts checks it.
 *
 * The member of staff has just been abused: write calmly, kindly and plainly.
 */

const supportDueAt = (reportedAt: string) => addMinutes(reportedAt, SUPPORT_DEADLINE_HOURS * 60);

/** For the line manager and HR and safety: what the person said about their safety. */
function DangerNote({ reporter: name, inDanger }: { reporter: string; inDanger: boolean }) {
  return inDanger ? (
    <Text>
      <strong>{name} said they were in danger when they reported it.</strong> Please contact them now to make sure
      they are safe. If anyone is in immediate danger, call 999.
    </Text>
  ) : (
    <Text>{name} said they were not in danger when they reported it.</Text>
  );
}

/** "Owen Price is away today": the nearer managers passed over (none on emails queued before they were named). */
function awayToday(data: { managersAway?: string[] }): string | null {
  const away = data.managersAway ?? [];
  return away.length > 0 ? `${listOfNames(away)} ${away.length === 1 ? "is" : "are"} away today` : null;
}

/** For HR and safety: which line manager was asked to support the member of staff. */
function managerAsked(data: StaffAbuseEmailProps<"abuse-reported-hr">): string {
  if (data.lineManager && data.lineManagerIn) {
    const away = awayToday(data);
    const who = away ? `${away}, so ${data.lineManager}` : `Their line manager, ${data.lineManager},`;
    return `${who} has been told and asked to record the support they offer by ${formatDateTime(supportDueAt(data.reportedAt))}.`;
  }
  return data.lineManager
    ? `Nobody in their management line is in today, so ${data.lineManager} will see it when they are back. Please make sure someone supports ${data.reporter} in the meantime.`
    : `They have no line manager in the directory, so no manager has been told. Please make sure someone supports ${data.reporter}.`;
}

const keepPrivate =
  "The full report is in Holdfast, where only the people who need to see it can read it. It is personal: please do not forward this email, and keep the details to those who need them.";

/** Barnsley section 7: the line manager is told at once and acts straight away. */
export function AbuseReportedManager(data: StaffAbuseEmailProps<"abuse-reported-manager">) {
  const name = data.reporter;
  return (
    <EmailLayout
      preview="A member of your team has been abused online because of their job. Please contact them today."
      reference={data.reference}
      heading="A member of your team has been abused online"
      actionLabel="Open the report and record support"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {data.lineManager ? `${data.lineManager}, ` : ""}
        {name}, a member of your team, has been abused online because of their job and has reported it in Holdfast.
        {data.lineManagerIn && awayToday(data) ? ` You are told because ${awayToday(data)}, and you are the next manager up.` : ""}
        The organisation does not tolerate abuse of its staff, and they should not have to deal with this alone.
      </Text>
      <DangerNote {...data} />
      <Text>
        Managers act straight away. Please contact {name} today, ask how they are and what would help, and then record
        the support you have offered in Holdfast. If nothing is recorded by {formatDateTime(supportDueAt(data.reportedAt))}, HR
        and safety will be told so that they can help.
        {data.lineManagerIn
          ? ""
          : " Holdfast shows you as away today, and HR and safety have the report too: please pick this up as soon as you are back."}
      </Text>
      <Text>{keepPrivate}</Text>
      <AbuseFacts {...data} />
    </EmailLayout>
  );
}

/** Barnsley section 5: HR and safety receive the violence and aggression report. */
export function AbuseReportedHr(data: StaffAbuseEmailProps<"abuse-reported-hr">) {
  return (
    <EmailLayout
      preview="A violence and aggression report has been made: a member of staff has been abused online."
      reference={data.reference}
      heading="A violence and aggression report has been made"
      actionLabel="Open the report"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {data.reporter} has reported being abused online because of their job. This is their violence and
        aggression report. {managerAsked(data)}
      </Text>
      <DangerNote {...data} />
      <Text>{keepPrivate}</Text>
      <AbuseFacts {...data} />
    </EmailLayout>
  );
}

/** Barnsley section 5, step 4: reminders until a police report, or the reason not to make one, is recorded. */
export function AbusePoliceReminder(data: StaffAbuseEmailProps<"abuse-police-reminder">) {
  return (
    <EmailLayout
      preview="No police report, or reason not to make one, is recorded yet."
      reference={data.reference}
      heading="A police report is still to be recorded"
      actionLabel="Record the police report"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {reportDescription(data)}, does not yet record a police report, or a reason not to make one. This email goes
        to {data.reporter} and their line manager, who can help.
      </Text>
      <Text>
        If anyone is in immediate danger, call 999. Otherwise, you can report it to the police on 101 or online, on the
        police force's website. Hate (abuse because of who someone is) can also be reported to True Vision at{" "}
        <Link href={TRUE_VISION_URL}>{TRUE_VISION_URL}</Link>.
      </Text>
      <Text>
        When it has been reported, please record how, and the crime reference number if there is one, in Holdfast. If{" "}
        {data.reporter} decides not to report it, record the reason instead. Until one or the other is recorded,
        Holdfast will remind you every {plural(data.policeReminderHours, "hour")}.
      </Text>
      <AbuseFacts {...data} />
    </EmailLayout>
  );
}

/** Barnsley section 7: the member of staff sees the support their manager recorded. */
export function AbuseSupportRecorded(data: StaffAbuseEmailProps<"abuse-support-recorded">) {
  const support = data.support;
  const by = support?.by ?? "Your manager";
  return (
    <EmailLayout
      preview={`${by} has recorded the support they have offered you.`}
      reference={data.reference}
      heading="The support offered to you has been recorded"
      actionLabel="See your report"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {data.reporter}, {by} has recorded in Holdfast the support they have offered you after the abuse you
        reported on {formatDateTime(data.reportedAt)}. You can read what they recorded in your report in Holdfast.
        {support
          ? ` They will check in with you about how you are in ${plural(data.wellbeingFollowUpDays, "day")}, around ${formatDateTime(
              addMinutes(support.at, data.wellbeingFollowUpDays * 24 * 60),
            )}.`
          : ""}
      </Text>
      <Text>
        If this is not what you need, or you need more, please tell {support ? support.by : "your manager"} or HR and
        safety at any time. You do not have to deal with this alone.
      </Text>
      {support ? <Fact label="Recorded by" value={`${support.by}, ${formatDateTime(support.at)}`} /> : null}
    </EmailLayout>
  );
}

/** Barnsley section 7: HR and safety are told when the line manager has not recorded support in time. */
export function AbuseSupportOverdue(data: StaffAbuseEmailProps<"abuse-support-overdue">) {
  const asked = data.lineManagerIn ? data.lineManager : null;
  const contact = asked ? `${asked}, or ${data.reporter} directly` : `${data.reporter} directly`;
  return (
    <EmailLayout
      preview={`No support has been recorded within ${plural(SUPPORT_DEADLINE_HOURS, "hour")} of a report of online abuse.`}
      reference={data.reference}
      heading="The line manager has not recorded support"
      actionLabel="Open the report"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {data.reporter} reported being abused online because of their job on {formatDateTime(data.reportedAt)}.
        {asked
          ? ` Their line manager, ${asked}, was asked to record the support they offered within ${plural(SUPPORT_DEADLINE_HOURS, "hour")}, and nothing has been recorded yet.`
          : ` Nobody in their management line was in to be asked${data.lineManager ? ` (${data.lineManager} is away)` : ""}, and no support has been recorded within ${plural(SUPPORT_DEADLINE_HOURS, "hour")}.`}
      </Text>
      <Text>
        Please make sure {data.reporter} is being supported: contact {contact}, and record the support offered
        in Holdfast. HR and safety can record it too.
      </Text>
      <AbuseFacts {...data} />
    </EmailLayout>
  );
}

/** Barnsley section 7: the manager who recorded support follows up on the person's wellbeing. */
export function AbuseWellbeingDue(data: StaffAbuseEmailProps<"abuse-wellbeing-due">) {
  const name = data.reporter;
  return (
    <EmailLayout
      preview={`It is time to check in with ${name} about how they are.`}
      reference={data.reference}
      heading="A wellbeing follow-up is due"
      actionLabel="Record the follow-up"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {data.manager ? `${data.manager}, ` : ""}
        {data.supportRecordedAt
          ? `you recorded the support you offered ${name} on ${formatDateTime(data.supportRecordedAt)}, after the online abuse they reported.`
          : `${name} reported online abuse on ${formatDateTime(data.reportedAt)}.`}{" "}
        It is now time to check in with them: ask how they are, whether the support is helping and whether anything else
        would help. Then record the follow-up in Holdfast.
      </Text>
      <AbuseFacts {...data} />
    </EmailLayout>
  );
}

/** Barnsley section 5: Communications help get the content removed when the member of staff asks. */
export function AbuseRemovalHelp(data: StaffAbuseEmailProps<"abuse-removal-help">) {
  const { platform, removalRequestedAt } = data;
  const name = data.reporter;
  return (
    <EmailLayout
      preview={`${name} has asked Communications to help get abusive content removed from ${platform}.`}
      reference={data.reference}
      heading="Help asked to get abusive content removed"
      actionLabel="Open the report"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {name}, a member of staff, has been abused online because of their job and has asked Communications to help get
        the content removed from {platform}.
      </Text>
      <Text>
        {removalRequestedAt
          ? `They asked ${platform} to remove it on ${formatDateTime(removalRequestedAt)}.`
          : `Nobody has asked ${platform} to remove it yet: please report it to the platform, and record in Holdfast when you did.`}{" "}
        Please record the platform's answer in Holdfast when it comes. If the platform has not acted{" "}
        {plural(PLATFORM_WAIT_HOURS, "hour")} after it was asked, Report Harmful Content can mediate, and Holdfast will
        tell {name}.
      </Text>
      <Text>
        As you have been asked to help, you can now open the report in Holdfast. It is personal: please keep the
        details to the people who need them.
      </Text>
      <AbuseFacts {...data} />
      <Fact label="Removal asked of the platform" value={removalRequestedAt ? formatDateTime(removalRequestedAt) : "Not yet"} />
    </EmailLayout>
  );
}

/** Barnsley section 5: the platform has not acted in 48 hours, so Report Harmful Content can mediate. */
export function AbuseHarmfulContentRoute(data: StaffAbuseEmailProps<"abuse-harmful-content-route">) {
  const { platform } = data;
  const asked = data.removalRequestedAt ? formatDateTime(data.removalRequestedAt) : null;
  return (
    <EmailLayout
      preview={`${platform} has not acted on your removal request after ${plural(PLATFORM_WAIT_HOURS, "hour")}. Report Harmful Content can help.`}
      reference={data.reference}
      heading="The platform has not acted: Report Harmful Content can help"
      actionLabel="See your report"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {data.reporter}, you asked {platform} to remove the content{asked ? ` on ${asked}` : ""}, and{" "}
        {plural(PLATFORM_WAIT_HOURS, "hour")} later no answer from the platform has been recorded.
      </Text>
      <Text>
        Report Harmful Content, from the UK Safer Internet Centre, can now look at it and mediate with the platform for
        you: <Link href={REPORT_HARMFUL_CONTENT_URL}>{REPORT_HARMFUL_CONTENT_URL}</Link>. It needs the platform's answer
        to your report or, if there has not been one, the date you reported it{asked ? ` (${asked})` : ""}.
      </Text>
      <Text>
        Report Harmful Content does not deal with criminal content, such as threats of violence or hate crime: report
        those to the police instead. If anyone is in immediate danger, call 999; otherwise call 101 or report it online.
      </Text>
      <Text>
        If the platform answers, please record its answer in Holdfast.
        {data.communicationsHelpAsked
          ? " Communications are helping you with this and can record it for you."
          : " You can also ask Communications to help, from your report in Holdfast."}
      </Text>
      <Fact label="Platform" value={platform} />
      <Fact label="You asked the platform to remove it" value={asked ?? "Not recorded"} />
    </EmailLayout>
  );
}

/** Barnsley section 5: the report is closed with its outcome. */
export function AbuseClosed(data: StaffAbuseEmailProps<"abuse-closed">) {
  const { closed } = data;
  return (
    <EmailLayout
      preview="The report of online abuse has been closed."
      reference={data.reference}
      heading="The report has been closed"
      actionLabel="See the report"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {reportDescription(data)}, has been closed{closed ? ` by ${closed.by}` : ""}. This email goes to{" "}
        {data.reporter} and their line manager. The outcome and the whole record are kept in Holdfast, where only
        the people allowed to see them can read them.
      </Text>
      <Text>
        Thank you, {data.reporter}, for reporting it. If it happens again, or you need more support, please
        report it again or talk to your manager or HR and safety.
      </Text>
      {closed ? <Fact label="Closed" value={`${closed.by}, ${formatDateTime(closed.at)}`} /> : null}
    </EmailLayout>
  );
}
