import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AboutThisProcedure } from "~/components/about-procedure";
import { SubmitButton } from "~/components/forms";
import { discardAbuseDraft, loadAbuseDraft, resumeSlug } from "../report.server";
import { ABUSE_REPORT_PATH, PAGE_SLUGS, pagePath } from "../report-schema";
import { requireUser } from "~/utils/auth.server";
import { formatDateTime } from "../../../../machines/kit/dates";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";

export const meta: MetaFunction = () => [{ title: "Report abuse you received · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const draft = loadAbuseDraft(db(), user.id);
  return json({
    draft: draft ? { savedAt: draft.updatedAt, resume: pagePath(resumeSlug(draft.data)) } : null,
    start: pagePath(PAGE_SLUGS[0]),
  });
}

/** "Start again": the draft goes, with the screenshots it kept. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await discardAbuseDraft(db(), user.id);
  return redirectWithNotice(ABUSE_REPORT_PATH, "Your unfinished report has been deleted.");
}

export default function ReportAbuseStart() {
  const { draft, start } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold">Report abuse you received</h1>
      <p className="mb-4">
        When you send this report, your line manager and HR and safety are told straight away (if your line manager is away, the next manager up is told instead). Only you, your managers and
        HR and safety can see it, and Communications only if you ask them to help get it removed.
      </p>
      <div className="mb-6 border-l-8 border-danger bg-red-50 p-4">
        <p className="font-semibold">If you or anyone else is in immediate danger, call 999 first.</p>
      </div>
      <p className="mb-6">It takes about two minutes. Your answers are saved as you go, so you can stop and come back.</p>
      {draft ? (
        <section aria-labelledby="draft-title" className="panel">
          <h2 id="draft-title" className="text-xl font-bold">
            You have a report you have not sent
          </h2>
          <p className="mt-1 text-muted">Saved {formatDateTime(draft.savedAt)}</p>
          <p className="mt-4">
            <Link to={draft.resume} className="button w-full no-underline sm:w-auto">
              Carry on where you left off
            </Link>
          </p>
          <Form method="post" className="mt-4">
            <SubmitButton pendingText="Deleting…" className="button-secondary w-full sm:w-auto">
              Start again
            </SubmitButton>
            <span className="hint mt-2">This deletes your answers and screenshots.</span>
          </Form>
        </section>
      ) : (
        <Link to={start} className="button w-full no-underline sm:w-auto">
          Start
        </Link>
      )}
      <AboutThisProcedure>
        <p className="mt-2">Telling your line manager straight away follows the organisation&apos;s policy: Barnsley social media policy, section 5, step 1.</p>
      </AboutThisProcedure>
    </div>
  );
}
