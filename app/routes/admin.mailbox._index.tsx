import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import { listOutbox } from "~/models/mailbox.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Emails sent · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const requested = Number(new URL(request.url).searchParams.get("page") ?? "1");
  return json(listOutbox(db(), Number.isSafeInteger(requested) ? requested : 1));
}

const statusTagClass: Record<string, string> = {
  pending: "bg-gray-200 text-ink",
  sending: "bg-blue-100 text-ink",
  sent: "bg-green-100 text-success",
  failed: "bg-red-100 text-danger",
  not_sent_demo: "bg-gray-100 text-muted",
};

const headerCell = "border-b-2 border-ink py-2 pr-3 text-left align-bottom font-semibold";
const cell = "border-b border-gray-300 py-2 pr-3 align-top";

function pageLink(page: number) {
  return `/admin/mailbox?page=${page}`;
}

export default function Mailbox() {
  const { rows, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Emails sent</h1>
      <p className="mt-2">
        Every email Holdfast has sent or is about to send, newest first. Emails that fail are tried
        again, waiting longer each time, and marked failed after several attempts. Emails written by
        the demo history (the made-up past incidents added with the demo organisation) are marked
        “Not sent: demo history”: they were never sent and never will be.
      </p>
      {total === 0 ? (
        <p className="mt-6 text-muted">No emails have been sent yet. They appear here as soon as a report is made.</p>
      ) : (
        <>
          <table className="reflow-table mt-6 w-full text-sm">
            <caption className="mb-2 text-left text-base text-muted">
              {total} email{total === 1 ? "" : "s"}
              {pageCount > 1 ? `, page ${page} of ${pageCount}` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col" className={headerCell}>Subject</th>
                <th scope="col" className={headerCell}>Status</th>
                <th scope="col" className={headerCell}>To</th>
                <th scope="col" className={headerCell}>Created</th>
                <th scope="col" className={headerCell}>Sent</th>
                <th scope="col" className={headerCell}>Attempts</th>
                <th scope="col" className={headerCell}>Last error</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className={`${cell} text-left font-normal`}>
                    {row.status === "sent" ? (
                      <Link to={`/admin/mailbox/${row.id}`} className="link">
                        {row.subject ?? row.template}
                      </Link>
                    ) : (
                      <span className="text-muted">Template: {row.template}</span>
                    )}
                  </th>
                  <td className={cell} data-label="Status">
                    <span className={`tag ${statusTagClass[row.status]}`}>{row.statusLabel}</span>
                  </td>
                  <td className={cell} data-label="To">
                    {row.recipient}
                  </td>
                  <td className={cell} data-label="Created">
                    {formatDateTime(row.createdAt)}
                  </td>
                  <td className={cell} data-label="Sent">
                    {row.sentAt ? (
                      formatDateTime(row.sentAt)
                    ) : (
                      <span className="text-muted">{row.status === "not_sent_demo" ? "Never" : "Not yet"}</span>
                    )}
                  </td>
                  <td className={cell} data-label="Attempts">
                    {row.attempts}
                  </td>
                  <td className={cell} data-label="Last error">
                    {row.lastError ?? <span className="text-muted">None</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination label="Pages of emails" page={page} pageCount={pageCount} linkTo={pageLink} />
        </>
      )}
    </div>
  );
}
