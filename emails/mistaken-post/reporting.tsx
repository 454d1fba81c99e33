import { Text } from "@react-email/components";
import { formatMinutes } from "../../machines/kit/dates";
import { listOfNames } from "../../machines/kit";
import { EmailLayout } from "../layout";
import { PostFacts, type MistakenPostEmailProps } from "./facts";

/** Why this officer is asked: as the line manager, or because of whoever before them was away or did not acknowledge in time. */
function whyAsked(data: MistakenPostEmailProps<"acknowledgement-requested">): string {
  // Emails queued before the reasons were kept carry only `escalated`.
  const away = data.away ?? [];
  const awayText = away.length > 0 ? `${listOfNames(away)} ${away.length === 1 ? "is" : "are"} away today` : null;
  if (data.escalated) {
    const late = data.notAcknowledgedBy
      ? `${data.notAcknowledgedBy} did not acknowledge it within ${formatMinutes(data.acknowledgementMinutes)}`
      : "the officer before you in the reporting line did not acknowledge it in time";
    return ` You are asked because ${late}${awayText ? `, and ${awayText}` : ""}.`;
  }
  return awayText ? ` You are asked because ${awayText}, and you are the next most senior officer.` : " You are asked as their line manager.";
}

export function AcknowledgementRequested(data: MistakenPostEmailProps<"acknowledgement-requested">) {
  return (
    <EmailLayout
      preview={`${data.reporter} reported a post made by mistake. Please acknowledge.`}
      reference={data.reference}
      heading="A post was made by mistake: please acknowledge"
      actionLabel="Open and acknowledge"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {data.asked}, {data.reporter} has reported a post made by mistake on an organisation account.
        {whyAsked(data)} Please acknowledge in Holdfast so that they and Communications know you have it.
      </Text>
      <PostFacts reporter={data.reporter} post={data.post} />
    </EmailLayout>
  );
}

export function MistakenPostReported(data: MistakenPostEmailProps<"mistaken-post-reported">) {
  return (
    <EmailLayout
      preview={`${data.reporter} reported a post made by mistake on ${data.post.account}.`}
      reference={data.reference}
      heading="A post was made by mistake on an organisation account"
      actionLabel="Open the incident"
      actionUrl={data.incidentUrl}
    >
      <Text>
        Communications are told at once so that you can judge how serious this is (Haringey practice
        notes 4.2.5, step 1).
      </Text>
      <PostFacts reporter={data.reporter} post={data.post} />
    </EmailLayout>
  );
}

export function IncidentAcknowledged(data: MistakenPostEmailProps<"incident-acknowledged">) {
  const by = data.acknowledgedBy ?? "Your manager";
  return (
    <EmailLayout
      preview={`${by} has acknowledged your report.`}
      reference={data.reference}
      heading="Your report has been acknowledged"
      actionLabel="See your report"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {by} has acknowledged your report of a post made by mistake on {data.account}.
        You can follow what happens next in Holdfast.
      </Text>
    </EmailLayout>
  );
}

export function AcknowledgementMissed(data: MistakenPostEmailProps<"acknowledgement-missed">) {
  return (
    <EmailLayout
      preview="Nobody in the reporting line has acknowledged a mistaken post report."
      reference={data.reference}
      heading="Nobody has acknowledged this report"
      actionLabel="Open the incident"
      actionUrl={data.incidentUrl}
    >
      <Text>
        Everyone in {data.reporter}'s reporting line was asked in turn and none
        acknowledged in time. Please contact them directly.
      </Text>
      <PostFacts reporter={data.reporter} post={data.post} />
    </EmailLayout>
  );
}
