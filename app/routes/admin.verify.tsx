import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { recordsOnFile, verifyRecordsFor } from "~/models/verification.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";
import { evidenceDirectory } from "~/utils/evidence.server";

export const meta: MetaFunction = () => [{ title: "Verify records · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ onFile: recordsOnFile(db()) });
}

/** A POST, not a page load: the check reads every stored file, so it only runs when asked. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "admin");
  return json(await verifyRecordsFor(db(), user, evidenceDirectory()));
}

// Hashes are 64 characters with no spaces: they wrap anywhere rather than push the page sideways.
const wrapAnywhere = "[overflow-wrap:anywhere]";

export default function VerifyRecords() {
  const { onFile } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <h1 className="text-3xl font-bold">Verify records</h1>
      <p className="mt-4">
        Every step of an incident is written to its timeline with a SHA-256 hash of the step and of the step before it,
        and every screenshot is kept with the SHA-256 it had when it arrived. This check works all of them out again, so
        anything changed, removed or put out of order since it was written shows up, with the incident and the event or
        file it concerns.
      </p>
      <p className="mt-4">
        On record now: {onFile}. The check reads every stored file, so it can take a while; it changes
        nothing. It can also be run on the server with <code>npm run verify</code>.
      </p>
      <Form method="post" className="mt-6">
        <SubmitButton pendingText="Checking every record…">Check every record now</SubmitButton>
      </Form>
      {result ? (
        <section aria-labelledby="verify-result" className="mt-8">
          <h2 id="verify-result" className="text-2xl font-bold">
            Result
          </h2>
          {result.ok ? (
            <div role="status" className="mt-4 border-l-8 border-success bg-green-50 p-4 font-semibold text-success">
              {result.summary}
            </div>
          ) : (
            <div role="alert" className="mt-4 border-4 border-danger p-4">
              <p className="font-bold text-danger">{result.summary}</p>
              <p className="mt-2">
                These records no longer match what was written. Keep a copy of the database and the evidence folder as
                they are now, before anything else changes.
              </p>
              <ul className="mt-4 list-disc space-y-2 pl-6">
                {result.problems.map((problem, index) => (
                  <li key={index} className={wrapAnywhere}>
                    {problem.reference ? (
                      <>
                        {problem.href ? (
                          <Link to={problem.href} className="link font-semibold">
                            {problem.reference}
                          </Link>
                        ) : (
                          <span className="font-semibold">{problem.reference}</span>
                        )}
                        , {problem.detail}
                      </>
                    ) : (
                      problem.detail
                    )}
                  </li>
                ))}
              </ul>
              {result.problems.some((problem) => problem.reference && !problem.href) ? (
                <p className="mt-4">
                  A reference that is not a link is an incident you cannot open yourself, and its files&rsquo; names are
                  withheld: ask someone who can see it, such as Communications for a mistaken post or HR and safety for a
                  staff abuse report.
                </p>
              ) : null}
            </div>
          )}
          <p className="mt-4 text-muted">Checked at {formatDateTime(result.finishedAt)}.</p>
        </section>
      ) : null}
    </div>
  );
}
