import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IncidentList } from "~/components/incident-list";
import { WorkList } from "~/components/work-list";
import { homeLists, workAwaited, workAwaitedCount, WORK_LISTED } from "~/models/incidents.server";
import { HOME_SECTIONS, PATH_MODULES } from "~/paths/registry";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Home · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const database = db();
  const now = new Date();
  return json({
    name: user.name,
    isCommunications: user.roles.includes("communications"),
    ...homeLists(database, user, now),
    work: workAwaited(database, user, now),
    workCount: workAwaitedCount(database, user, now).waiting,
    sections: HOME_SECTIONS.map((section) => ({ id: section.id, heading: section.heading, items: section.incidents(database, user, now) })),
  });
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Hello, {data.name}</h1>
      <section aria-labelledby="report-title" className="panel mt-6">
        <h2 id="report-title" className="text-xl font-bold">
          Something gone wrong on social media?
        </h2>
        <p className="mt-1">Tell us now: your line manager will be told at once.</p>
        <p className="mt-4 flex flex-wrap gap-3">
          {PATH_MODULES.map(({ report }) => (
            <Link key={report.address} to={report.address} className="button no-underline">
              {report.linkText}
            </Link>
          ))}
        </p>
      </section>

      <section id="your-work" aria-labelledby="waiting-title" className="mt-8 scroll-mt-4">
        <h2 id="waiting-title" className="mb-3 text-xl font-bold">
          Waiting for you
        </h2>
        {data.workCount > WORK_LISTED ? (
          <p className="mb-3">
            The {WORK_LISTED} most urgent of {data.workCount} pieces of work waiting for you or your team.
          </p>
        ) : null}
        <WorkList items={data.work} empty="Nothing is waiting for you." />
      </section>

      {data.sections.map((section) =>
        section.items.length > 0 ? (
          <section key={section.id} aria-labelledby={`${section.id}-title`} className="mt-8">
            <h2 id={`${section.id}-title`} className="mb-3 text-xl font-bold">
              {section.heading}
            </h2>
            <IncidentList items={section.items} empty="" />
          </section>
        ) : null,
      )}

      {data.isCommunications ? (
        <section aria-labelledby="comms-title" className="mt-8">
          <h2 id="comms-title" className="mb-3 text-xl font-bold">
            Recent incidents for Communications
          </h2>
          <IncidentList items={data.communications} empty="No incidents have been reported yet." />
        </section>
      ) : null}

      <section aria-labelledby="reported-title" className="mt-8">
        <h2 id="reported-title" className="mb-3 text-xl font-bold">
          Your reports
        </h2>
        <IncidentList items={data.reported} empty="You have not reported anything." />
      </section>
    </div>
  );
}
