import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField, useValidatedForm } from "~/components/forms";
import { NoOneToNotifyError } from "~/models/incidents.server";
import { LimitReachedError } from "~/models/limits.server";
import { newSubmissionKey, sentNotice } from "~/models/report-sending.server";
import { PLATFORMS } from "~/schemas/channel";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { sendMistakenPostReport } from "../model.server";
import { mistakenPostReportSchema } from "../report-schema";
import { listSteps } from "../../../../machines/kit";
import { mistakenPostPath } from "../../../../machines/mistaken-post";

export const meta: MetaFunction = () => [{ title: "Report a post made by mistake · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  // A new key each time the form is shown: a second send of this copy opens no second incident.
  // Where the policy says to report it, from the first step's metadata, for "About this procedure".
  return json({ submissionKey: newSubmissionKey(), source: listSteps(mistakenPostPath.machine)[0].source });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: mistakenPostReportSchema });
  if (submission.status !== "success") {
    return json(submission.reply(), { status: 400 });
  }
  try {
    const { postedAt, link, submissionKey, ...rest } = submission.value;
    const sent = sendMistakenPostReport(
      db(),
      { id: user.id, name: user.name },
      { ...rest, link: link ?? null, postedAt: postedAt.toISOString() },
      { submissionKey, now: new Date() },
    );
    return redirectWithNotice(
      `/incidents/${sent.incident.reference}`,
      sentNotice(sent, "Your line manager and the Communications team have been emailed."),
    );
  } catch (error) {
    if (error instanceof NoOneToNotifyError || error instanceof LimitReachedError) {
      return json(submission.reply({ formErrors: [error.message] }), { status: error instanceof LimitReachedError ? error.status : 409 });
    }
    throw error;
  }
}

export default function ReportMistakenPost() {
  const { submissionKey, source } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(mistakenPostReportSchema, lastResult);
  return (
    <div className="max-w-2xl">
      <h1 className="mb-2 text-3xl font-bold">Report a post made by mistake</h1>
      <p className="mb-6">
        Use this when something was posted on one of our accounts that should not have been. Your
        line manager and the Communications team are emailed as soon as you send it. Do not delete
        the post yet unless it is putting someone at risk: Communications will want a screenshot first.
      </p>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <SelectField
          field={fields.platform}
          label="Which platform was it posted on?"
          placeholder="Choose a platform"
          options={PLATFORMS.map((platform) => ({ value: platform, label: platform }))}
        />
        <TextField
          field={fields.account}
          label="Which of our accounts posted it?"
          hint="The account name or handle, for example @EastbridgeCouncil"
        />
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
      <details className="mt-8 border-t border-gray-300 pt-4">
        <summary className="cursor-pointer text-lg font-bold">About this procedure</summary>
        <p className="mt-2">Reporting it straight away follows the organisation&apos;s policy: {source}.</p>
      </details>
    </div>
  );
}
