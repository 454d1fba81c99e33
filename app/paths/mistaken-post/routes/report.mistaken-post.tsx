import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AboutThisProcedure } from "~/components/about-procedure";
import { ChoiceField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField, useValidatedForm } from "~/components/forms";
import { listChannels } from "~/models/channels.server";
import { NoOneToNotifyError } from "~/models/incidents.server";
import { LimitReachedError } from "~/models/limits.server";
import { newSubmissionKey, sentNotice } from "~/models/report-sending.server";
import { PLATFORMS } from "~/schemas/channel";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { mistakenPostTold, sendMistakenPostReport } from "../model.server";
import { ANOTHER_ACCOUNT, mistakenPostReportSchema } from "../report-schema";
import { listSteps } from "../../../../machines/kit";
import { mistakenPostPath } from "../../../../machines/mistaken-post";

export const meta: MetaFunction = () => [{ title: "Report a post made by mistake · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  // A new key each time the form is shown: a second send of this copy opens no second incident.
  return json({
    submissionKey: newSubmissionKey(),
    channels: listChannels(db())
      .filter((channel) => channel.active)
      .map((channel) => ({ id: channel.id, label: `${channel.handle} (${channel.platform})` })),
    // Where the policy says to report it, from the first step's metadata, for "About this procedure".
    source: listSteps(mistakenPostPath.machine)[0].source,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: mistakenPostReportSchema });
  if (submission.status !== "success") {
    return json(submission.reply(), { status: 400 });
  }
  try {
    const sent = sendMistakenPostReport(db(), { id: user.id, name: user.name }, submission.value, new Date());
    if (!sent.ok) return json(submission.reply({ fieldErrors: { [sent.field]: [sent.message] } }), { status: 400 });
    return redirectWithNotice(
      `/incidents/${sent.incident.reference}`,
      sentNotice(sent, mistakenPostTold(sent.incident)),
    );
  } catch (error) {
    if (error instanceof NoOneToNotifyError || error instanceof LimitReachedError) {
      return json(submission.reply({ formErrors: [error.message] }), { status: error instanceof LimitReachedError ? error.status : 409 });
    }
    throw error;
  }
}

export default function ReportMistakenPost() {
  const { submissionKey, channels, source } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(mistakenPostReportSchema, lastResult);
  return (
    <div className="max-w-2xl">
      <h1 className="mb-2 text-3xl font-bold">Report a post made by mistake</h1>
      <p className="mb-6">
        Use this when something was posted on one of our accounts that should not have been. Your
        line manager (or, if they are away, the next manager up) and the Communications team are
        emailed as soon as you send it. Do not delete
        the post yet unless it is putting someone at risk: Communications will want a screenshot first.
      </p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <ChoiceField
          field={fields.channel}
          legend="Which of our accounts posted it?"
          hint="Our accounts as the channel register lists them."
          type="radio"
          options={[
            ...channels.map((channel) => ({ value: String(channel.id), label: channel.label })),
            { value: ANOTHER_ACCOUNT, label: "Another account", hint: "One not in the list: say which below." },
          ]}
        />
        <fieldset className="mb-6 border-l-4 border-gray-300 pl-4">
          <legend className="label">If it was another account</legend>
          <SelectField
            field={fields.platform}
            label="Which platform is it on?"
            placeholder="Choose a platform"
            options={PLATFORMS.map((platform) => ({ value: platform, label: platform }))}
          />
          <TextField field={fields.account} label="The account's name or handle" hint="For example @EastbridgeYouth" />
        </fieldset>
        <TextField
          field={fields.link}
          label="Link to the post (optional)"
          hint="Copy the web address of the post if you can, starting with https://"
          type="url"
        />
        <TextField
          field={fields.postedAt}
          label="When was it posted?"
          hint="Date and time, UK time. An estimate is fine."
          type="datetime-local"
          className="max-w-xs"
        />
        <TextAreaField
          field={fields.whatHappened}
          label="What was posted, and what went wrong?"
          hint="Copy the text of the post if you can. Say who might have seen it and anything already done about it."
          rows={6}
        />
        <SubmitButton pendingText="Sending your report…">Send report</SubmitButton>
      </Form>
      <AboutThisProcedure>
        <p className="mt-2">Reporting it straight away follows the organisation&apos;s policy: {source}.</p>
      </AboutThisProcedure>
    </div>
  );
}
