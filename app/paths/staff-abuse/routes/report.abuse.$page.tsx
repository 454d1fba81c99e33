import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AbuseReportPage, DangerPanel, QUESTIONS } from "../report-pages";
import { ErrorSummary, SubmitButton, useValidatedForm } from "~/components/forms";
import { draftAnswers, loadAbuseDraft, savedPageProblems, saveQuestionPage } from "../report.server";
import {
  backPath,
  isQuestionSlug,
  nextPath,
  questionFields,
  questionPage,
  returnsToCheck,
  type QuestionSlug,
} from "../report-schema";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/** The report's question pages: one question group each, saved into the draft on "Continue". */

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Report abuse"} · Holdfast` }];

function slugOf(params: { page?: string }): QuestionSlug {
  if (!isQuestionSlug(params.page)) throw new Response("Not found", { status: 404 });
  return params.page;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const slug = slugOf(params);
  const data = loadAbuseDraft(db(), user.id)?.data;
  const url = new URL(request.url);
  const returnToCheck = returnsToCheck(request.url);
  return json({
    slug,
    title: questionPage(slug).title,
    answers: draftAnswers(data, questionFields(slug)),
    // Without JavaScript the 999 route could not appear as "Yes" was chosen: it heads the next page.
    showDangerPanel: slug === "kind" && data?.inDanger === "yes",
    // Sent back from "Send report" because this page was skipped: say what is missing.
    problems: url.searchParams.has("missing") ? savedPageProblems(slug, data) : null,
    back: backPath(slug, returnToCheck),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = slugOf(params);
  const submission = parseWithZod(await request.formData(), { schema: questionPage(slug).schema });
  if (submission.status !== "success") {
    return json(submission.reply(), { status: 400 });
  }
  saveQuestionPage(db(), user.id, slug, submission.payload, new Date());
  return redirect(nextPath(slug, returnsToCheck(request.url)));
}

export default function QuestionPageRoute() {
  const data = useLoaderData<typeof loader>();
  // One component for every question page: a new page gets a new form, not the last one's state.
  return <QuestionPage key={data.slug} {...data} />;
}

function QuestionPage(props: ReturnType<typeof useLoaderData<typeof loader>>) {
  const lastResult = useActionData<typeof action>() ?? props.problems;
  const [form, fields] = useValidatedForm(questionPage(props.slug).schema, lastResult, props.answers);
  const Questions = QUESTIONS[props.slug];
  return (
    <AbuseReportPage back={props.back}>
      {props.showDangerPanel ? <DangerPanel /> : null}
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <Questions fields={fields} />
        <SubmitButton pendingText="Saving…" className="button w-full sm:w-auto">
          Continue
        </SubmitButton>
      </Form>
    </AbuseReportPage>
  );
}
