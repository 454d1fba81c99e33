import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { AbuseReportPage } from "../report-pages";
import { ErrorSummary, SubmitButton, TextAreaField, useValidatedForm } from "~/components/forms";
import {
  draftAnswers,
  draftScreenshots,
  loadAbuseDraft,
  savedPageProblems,
  updateDraftScreenshots,
} from "../report.server";
import { discardUnrecordedEvidence, receiveEvidenceWithinLimit } from "~/models/evidence.server";
import {
  EVIDENCE_FIELD,
  SCREENSHOTS_TITLE,
  backPath,
  nextPath,
  pagePath,
  returnsToCheck,
  screenshotsSchema,
} from "../report-schema";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES } from "~/utils/evidence-types";
import { EvidenceRequestError } from "~/utils/evidence.server";
import { formatFileSize } from "~/utils/file-size";
import { redirectWithNotice } from "~/utils/notice.server";

export const meta: MetaFunction = () => [{ title: `${SCREENSHOTS_TITLE} · Report abuse · Holdfast` }];

const REMOVE_PREFIX = "remove:";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = loadAbuseDraft(db(), user.id)?.data;
  const returnToCheck = returnsToCheck(request.url);
  return json({
    screenshots: draftScreenshots(data).map(({ originalName, sizeBytes, sha256, storagePath }) => ({ originalName, sizeBytes, sha256, storagePath })),
    answers: draftAnswers(data, ["noScreenshotReason"]),
    problems: new URL(request.url).searchParams.has("missing") ? savedPageProblems("screenshots", data) : null,
    back: backPath("screenshots", returnToCheck),
  });
}

/**
 * Every button on the page sends the whole form, so files chosen and a reason typed are never
 * lost whichever is pressed: the files are stored and added to the draft first, then the button's
 * own work is done (upload, remove one, or continue).
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const here = pagePath("screenshots", { returnToCheck: returnsToCheck(request.url) });
  let upload;
  try {
    upload = await receiveEvidenceWithinLimit(db(), request, user.id, { fieldName: EVIDENCE_FIELD });
  } catch (error) {
    if (!(error instanceof EvidenceRequestError)) throw error;
    const nothing = parseWithZod(new FormData(), { schema: screenshotsSchema(0) });
    return json(nothing.reply({ fieldErrors: { [EVIDENCE_FIELD]: [error.message] } }), { status: error.status });
  }
  const intent = String(upload.fields.get("intent") ?? "continue");
  const removing = intent.startsWith(REMOVE_PREFIX) ? intent.slice(REMOVE_PREFIX.length) : null;

  const reason = upload.fields.get("noScreenshotReason");
  const { screenshots, removed } = updateDraftScreenshots(
    db(),
    user.id,
    { added: upload.files, removing, noScreenshotReason: typeof reason === "string" ? reason : null },
    new Date(),
  );
  await discardUnrecordedEvidence(db(), removed);
  const submission = parseWithZod(upload.fields, { schema: screenshotsSchema(screenshots.length) });

  if (upload.refusals.length > 0) {
    const messages = upload.refusals.map((refusal) => refusal.message);
    return json(submission.reply({ fieldErrors: { [EVIDENCE_FIELD]: messages } }), { status: upload.limited ? 429 : 400 });
  }
  if (removing !== null) {
    return redirectWithNotice(here, removed.length ? `Removed “${removed[0].originalName}”.` : "That screenshot had already been removed.");
  }
  if (intent === "upload") {
    if (upload.files.length === 0) {
      return json(submission.reply({ fieldErrors: { [EVIDENCE_FIELD]: ["Choose a screenshot to upload"] } }), { status: 400 });
    }
    return redirectWithNotice(here, `Added ${upload.files.map((file) => `“${file.originalName}”`).join(", ")}.`);
  }
  if (submission.status !== "success") {
    return json(submission.reply(), { status: 400 });
  }
  return redirect(nextPath("screenshots", returnsToCheck(request.url)));
}

export default function Screenshots() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData ?? data.problems;
  const fileInput = useRef<HTMLInputElement>(null);
  // Once sent, the chosen files are either stored or refused. With JavaScript the page is not
  // reloaded, so the picker is emptied: otherwise the next button would send them again.
  useEffect(() => {
    if (fileInput.current) fileInput.current.value = "";
  }, [actionData, data]);
  const [form, fields] = useValidatedForm(screenshotsSchema(data.screenshots.length), lastResult, data.answers);
  const reasonField = fields.noScreenshotReason;
  const evidence = fields[EVIDENCE_FIELD];
  const evidenceErrors = evidence.errors?.length ? [...new Set(evidence.errors)] : [];
  return (
    <AbuseReportPage back={data.back}>
      <ErrorSummary form={form} fields={fields} />
      <h1 className="mb-4 text-3xl font-bold">{SCREENSHOTS_TITLE}</h1>
      <p>A good screenshot shows:</p>
      <ul className="mb-6 ml-6 mt-2 list-disc space-y-1">
        <li>the date and time</li>
        <li>the link (web address), if you can</li>
        <li>the account name of whoever did it</li>
        <li>enough of the conversation to make sense of it</li>
      </ul>

      <Form method="post" encType="multipart/form-data" {...getFormProps(form)} noValidate>
        {data.screenshots.length ? (
          <section aria-labelledby="added-title" className="mb-6">
            <h2 id="added-title" className="mb-2 text-xl font-bold">
              Screenshots added
            </h2>
            <ul className="space-y-3">
              {data.screenshots.map((file) => (
                <li key={file.storagePath} className="panel flex flex-wrap items-center justify-between gap-3 p-3">
                  <div className="min-w-0">
                    <p className="break-all font-semibold">{file.originalName}</p>
                    <p className="text-sm text-muted">
                      {formatFileSize(file.sizeBytes)}, SHA-256 <span className="font-mono">{file.sha256.slice(0, 12)}…</span>
                    </p>
                  </div>
                  <button type="submit" name="intent" value={`remove:${file.storagePath}`} className="button-secondary">
                    Remove<span className="sr-only"> {file.originalName}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <div className="mb-6">
          <label htmlFor={evidence.id} className="label">
            Add screenshots
          </label>
          <span id={evidence.descriptionId} className="hint">
            PNG, JPEG, WebP, GIF or PDF, up to {formatFileSize(EVIDENCE_MAX_BYTES)} each. You can choose several at once.
          </span>
          {evidenceErrors.length ? (
            <span id={evidence.errorId} className="field-error">
              <span className="sr-only">Error: </span>
              {evidenceErrors.join(". ")}
            </span>
          ) : null}
          <input
            ref={fileInput}
            id={evidence.id}
            name={EVIDENCE_FIELD}
            type="file"
            multiple
            accept={EVIDENCE_TYPES.join(",")}
            aria-describedby={[evidence.descriptionId, evidenceErrors.length ? evidence.errorId : null].filter(Boolean).join(" ")}
            aria-invalid={evidenceErrors.length ? true : undefined}
            className="mt-2 block w-full py-2"
          />
          <div className="mt-3">
            <SubmitButton value="upload" pendingText="Uploading…" className="button-secondary w-full sm:w-auto">
              Upload
            </SubmitButton>
          </div>
        </div>

        <details className="mb-6" open={Boolean(data.answers.noScreenshotReason || reasonField.errors?.length)}>
          <summary className="link cursor-pointer py-2 text-lg">I cannot take a screenshot</summary>
          <div className="mt-3 border-l-4 border-gray-400 pl-4">
            <TextAreaField
              field={reasonField}
              label="Why can you not take a screenshot?"
              hint="For example, it was deleted, it was a voice message, or you are not allowed to use your phone at work."
              rows={3}
            />
          </div>
        </details>

        <SubmitButton value="continue" pendingText="Saving…" className="button w-full sm:w-auto">
          Continue
        </SubmitButton>
      </Form>
    </AbuseReportPage>
  );
}
