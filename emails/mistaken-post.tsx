import { Text } from "@react-email/components";
import { EmailLayout } from "./layout";
import { PostFacts, type MistakenPostEmailData } from "./mistaken-post-facts";

type Data = MistakenPostEmailData;

export function AcknowledgementRequested(data: Data & { escalated?: boolean }) {
  const asked = data.context.escalationChain[data.context.askedIndex];
  return (
    <EmailLayout
      preview={`${data.context.reporter.name} reported a post made by mistake. Please acknowledge.`}
      reference={data.reference}
      heading="A post was made by mistake: please acknowledge"
      actionLabel="Open and acknowledge"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {asked?.name}, {data.context.reporter.name} has reported a post made by mistake on an
        organisation account.
        {data.escalated
          ? " You are asked because the officer before you in the reporting line did not acknowledge in time."
          : " You are asked as their line manager (or the next most senior officer available)."}{" "}
        Please acknowledge in Holdfast so that they and Communications know you have it.
      </Text>
      <PostFacts context={data.context} />
    </EmailLayout>
  );
}

export function MistakenPostReported(data: Data) {
  return (
    <EmailLayout
      preview={`${data.context.reporter.name} reported a post made by mistake on ${data.context.post.account}.`}
      reference={data.reference}
      heading="A post was made by mistake on an organisation account"
      actionLabel="Open the incident"
      actionUrl={data.incidentUrl}
    >
      <Text>
        Communications are told at once so that you can judge how serious this is (Haringey practice
        notes 4.2.5, step 1).
      </Text>
      <PostFacts context={data.context} />
    </EmailLayout>
  );
}

export function IncidentAcknowledged(data: Data) {
  const by = data.context.acknowledgedBy?.name ?? "Your manager";
  return (
    <EmailLayout
      preview={`${by} has acknowledged your report.`}
      reference={data.reference}
      heading="Your report has been acknowledged"
      actionLabel="See your report"
      actionUrl={data.incidentUrl}
    >
      <Text>
        {by} has acknowledged your report of a post made by mistake on {data.context.post.account}.
        You can follow what happens next in Holdfast.
      </Text>
    </EmailLayout>
  );
}

export function AcknowledgementMissed(data: Data) {
  return (
    <EmailLayout
      preview="Nobody in the reporting line has acknowledged a mistaken post report."
      reference={data.reference}
      heading="Nobody has acknowledged this report"
      actionLabel="Open the incident"
      actionUrl={data.incidentUrl}
    >
      <Text>
        Everyone in {data.context.reporter.name}'s reporting line was asked in turn and none
        acknowledged in time. Please contact them directly.
      </Text>
      <PostFacts context={data.context} />
    </EmailLayout>
  );
}
