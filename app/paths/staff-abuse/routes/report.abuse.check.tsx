import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { ABUSE_KINDS, PROTECTED_CHARACTERISTICS } from "../../../../machines/staff-abuse";
import { AbuseReportPage } from "../report-pages";
import { ErrorSummary, SubmitButton, useValidatedForm } from "~/components/forms";
import { checkDraft, loadAbuseDraft, sendAbuseReport } from "../report.server";
import { staffAbuseTold } from "../model.server";
import { LimitReachedError } from "~/models/limits.server";
import { newSubmissionKey, sentNotice } from "~/models/report-sending.server";
import { ABUSE_REPORT_PATH, CONNECTED_TO_ROLE, backPath, pagePath, sendReportSchema, type PageSlug } from "../report-schema";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "../../../../machines/kit/dates";
import { db } from "~/utils/db.server";
import { formatFileSize } from "~/utils/file-size";
import { redirectWithNotice } from "~/utils/notice.server";

export const meta: MetaFunction = () => [{ title: "Check your answers · Report abuse · Holdfast" }];

/** A page was skipped (its address typed), or an answer no longer holds: go there and say why. */
const missingPage = (slug: PageSlug) => redirect(`${pagePath(slug, { returnToCheck: true })}&missing`);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const draft = loadAbuseDraft(db(), user.id);
  // Already sent (the browser's back button), or never started.
  if (!draft) throw redirect(ABUSE_REPORT_PATH);
  const check = checkDraft(draft.data);
  if (!check.ok) throw missingPage(check.slug);
  return json({
    report: check.report,
    screenshots: check.screenshots.map(({ originalName, sizeBytes }) => ({ originalName, sizeBytes })),
    back: backPath("check", false),
    // A new key each time the page is shown: a second send of this copy opens no second incident.
    submissionKey: newSubmissionKey(),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: sendReportSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  let outcome;
  try {
    outcome = sendAbuseReport(db(), user, submission.value.submissionKey, new Date());
  } catch (error) {
    if (!(error instanceof LimitReachedError)) throw error;
    return json(submission.reply({ formErrors: [error.message] }), { status: error.status });
  }
  if (!outcome.ok) return outcome.slug ? missingPage(outcome.slug) : redirect(ABUSE_REPORT_PATH);
  return redirectWithNotice(
    `/incidents/${outcome.incident.reference}`,
    sentNotice(outcome, staffAbuseTold(outcome.incident)),
  );
}

function Row({ label, change, children }: { label: string; change: PageSlug; children: ReactNode }) {
  return (
    <div className="border-b border-gray-300 py-3 sm:flex sm:gap-4">
      <dt className="font-semibold sm:w-1/3">{label}</dt>
      <dd className="mt-1 whitespace-pre-line break-words sm:mt-0 sm:flex-1">{children}</dd>
      <dd className="mt-1 sm:mt-0">
        <Link to={pagePath(change, { returnToCheck: true })} className="link inline-block py-1">
          Change<span className="sr-only"> {label.toLowerCase()}</span>
        </Link>
      </dd>
    </div>
  );
}

const NOT_GIVEN = <span className="text-muted">Not given</span>;

export default function CheckAnswers() {
  const { report, screenshots, back, submissionKey } = useLoaderData<typeof loader>();
  const [form, fields] = useValidatedForm(sendReportSchema, useActionData<typeof action>());
  return (
    <AbuseReportPage back={back}>
      <ErrorSummary form={form} fields={fields} />
      <h1 className="mb-6 text-3xl font-bold">Check your answers before sending your report</h1>
      <dl className="mb-8 border-t border-gray-300">
        <Row label="In danger when you reported it" change="danger">
          {report.inDanger ? "Yes" : "No"}
        </Row>
        <Row label="Kind of abuse" change="kind">
          {report.kinds.map((kind) => ABUSE_KINDS[kind]).join("\n")}
        </Row>
        {report.protectedCharacteristics.length ? (
          <Row label="Protected characteristic" change="kind">
            {report.protectedCharacteristics.map((characteristic) => PROTECTED_CHARACTERISTICS[characteristic]).join("\n")}
          </Row>
        ) : null}
        <Row label="Because of your job" change="kind">
          {CONNECTED_TO_ROLE[report.connectedToRole]}
        </Row>
        <Row label="Where" change="where-and-when">
          {report.platform}
        </Row>
        <Row label="Link" change="where-and-when">
          {report.link ? <span className="break-all">{report.link}</span> : NOT_GIVEN}
        </Row>
        <Row label="When" change="where-and-when">
          {formatDateTime(report.happenedAt)}
        </Row>
        <Row label="Who did it" change="where-and-when">
          {report.perpetrator ?? NOT_GIVEN}
        </Row>
        <Row label="What happened" change="what-happened">
          {report.whatHappened}
        </Row>
        <Row label="How it is affecting you" change="what-happened">
          {report.impact}
        </Row>
        <Row label="Screenshots" change="screenshots">
          {screenshots.length ? (
            <ul>
              {screenshots.map((file, index) => (
                <li key={index} className="break-all">
                  {file.originalName} ({formatFileSize(file.sizeBytes)})
                </li>
              ))}
            </ul>
          ) : (
            "None"
          )}
        </Row>
        {report.noScreenshotReason ? (
          <Row label="Why you could not take a screenshot" change="screenshots">
            {report.noScreenshotReason}
          </Row>
        ) : null}
      </dl>

      <h2 className="text-xl font-bold">Now send your report</h2>
      <p className="mb-6 mt-2">
        Your line manager (or, if they are away, the next manager up) and HR and safety are told as soon as you send it. Only you, your managers and HR and safety can
        see it.
      </p>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <SubmitButton pendingText="Sending your report…" className="button w-full sm:w-auto">
          Send report
        </SubmitButton>
      </Form>
    </AbuseReportPage>
  );
}
