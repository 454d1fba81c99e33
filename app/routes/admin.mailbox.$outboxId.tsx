import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getOutboxRow, outboxStatusLabel, readStoredMessage } from "~/models/mailbox.server";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.email.subject ?? "Email"} · Emails sent · Holdfast` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const id = params.outboxId && /^\d{1,15}$/.test(params.outboxId) ? Number(params.outboxId) : null;
  const row = id === null ? null : getOutboxRow(db(), id);
  if (!row) throw new Response("Not found", { status: 404 });
  const message = await readStoredMessage(row, { smtpUrl: env().SMTP_URL, sinkDirectory: env().mailSinkDirectory });
  return json({
    email: {
      status: row.status,
      statusLabel: outboxStatusLabel(row.status),
      recipient: row.recipient,
      subject: row.subject ?? row.template,
      template: row.template,
      createdAt: row.createdAt,
      sentAt: row.sentAt,
      attempts: row.attempts,
      lastError: row.lastError,
    },
    message,
  });
}

function Details({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
      {items.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-semibold">{term}</dt>
          <dd className="[overflow-wrap:anywhere]">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function Email() {
  const { email, message } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <p className="mb-4">
        <Link to="/admin/mailbox" className="link">
          Back to emails sent
        </Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">{email.subject}</h1>

      <section aria-labelledby="record-title" className="panel">
        <h2 id="record-title" className="mb-3 text-xl font-bold">
          Record
        </h2>
        <Details
          items={[
            ["Status", email.statusLabel],
            ["To", email.recipient],
            ["Template", email.template],
            ["Created", formatDateTime(email.createdAt)],
            ["Sent", email.sentAt ? formatDateTime(email.sentAt) : email.status === "not_sent_demo" ? "Never" : "Not yet"],
            ["Attempts", String(email.attempts)],
            ["Last error", email.lastError ?? "None"],
          ]}
        />
      </section>

      <section aria-labelledby="message-title" className="mt-8">
        <h2 id="message-title" className="mb-3 text-xl font-bold">
          Message
        </h2>
        {message ? (
          <div className="panel">
            <Details
              items={[
                ["From", message.from],
                ["To", message.to],
                ["Subject", message.subject],
                ["Date", message.date ? formatDateTime(message.date) : "Not given"],
              ]}
            />
            <pre className="mt-4 whitespace-pre-wrap border-t border-gray-300 pt-4 font-sans [overflow-wrap:anywhere]">
              {message.text}
            </pre>
          </div>
        ) : email.status === "sent" ? (
          <p>
            This message went to the SMTP server, so Holdfast did not keep a copy. Only its record,
            above, is kept here.
          </p>
        ) : email.status === "not_sent_demo" ? (
          <p>
            This email belongs to the demo history: the made-up past incidents added with the demo
            organisation. It was never sent and never will be, so there is no message to show.
          </p>
        ) : (
          <p>This email has not been sent yet, so there is no message to show.</p>
        )}
      </section>
    </div>
  );
}
