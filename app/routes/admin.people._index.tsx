import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPeople } from "~/models/people.server";
import { ROLE_LABELS } from "~/schemas/person";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "People · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ people: listPeople(db(), new Date()) });
}


export default function People() {
  const { people } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">People</h1>
      <p className="mt-2">
        Everyone who can sign in to Holdfast or be asked to acknowledge a report. Reports go up the
        line-management chain shown here, so keep it up to date.
      </p>
      <p className="mt-4">
        <Link to="/admin/people/new" className="button no-underline">
          Add a person
        </Link>
      </p>
      {people.length === 0 ? (
        <p className="mt-6 text-muted">There is nobody in the directory yet.</p>
      ) : (
        <table className="reflow-table mt-6 w-full text-sm">
          <caption className="mb-2 text-left text-base text-muted">
            {people.length} {people.length === 1 ? "person" : "people"}, by service and then seniority
          </caption>
          <thead>
            <tr>
              <th scope="col" className="header-cell">Name</th>
              <th scope="col" className="header-cell">Job title</th>
              <th scope="col" className="header-cell">Service</th>
              <th scope="col" className="header-cell">Line manager</th>
              <th scope="col" className="header-cell">Roles</th>
              <th scope="col" className="header-cell">Status</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id}>
                <th scope="row" className="row-header-cell">
                  <Link to={`/admin/people/${person.id}`} className="link font-semibold">
                    {person.name}
                  </Link>
                </th>
                <td className="cell" data-label="Job title">{person.jobTitle}</td>
                <td className="cell" data-label="Service">{person.service}</td>
                <td className="cell" data-label="Line manager">{person.lineManagerName ?? <span className="text-muted">None</span>}</td>
                <td className="cell" data-label="Roles">{person.roles.map((role) => ROLE_LABELS[role]).join(", ")}</td>
                <td className="cell" data-label="Status">
                  <div className="flex flex-wrap gap-1">
                    {person.active ? (
                      <span className="tag bg-green-100 text-success">Active</span>
                    ) : (
                      <span className="tag bg-gray-200 text-ink">Inactive</span>
                    )}
                    {person.awayToday ? <span className="tag bg-yellow-100 text-ink">Away today</span> : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
