import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/pagination";
import {
  filterQuery,
  parseFilters,
  parsePage,
  pathOptions,
  searchIncidents,
  serviceOptions,
  type IncidentFilters,
  type SearchResult,
  stateOptions,
} from "~/models/incident-list.server";
import { PAGE_SIZE, SORTS, type SortKey } from "~/schemas/incident-list";
import { requireUser, type CurrentUser } from "~/utils/auth.server";
import { formatDateTime } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";
import { viewerKey } from "~/utils/viewer-key.server";
import { LRUCache } from "lru-cache";
import type { Db } from "../../db/client";
import { dataVersion } from "../../db/data-version";

export const meta: MetaFunction = () => [{ title: "Incidents · Holdfast" }];

/**
 * The most read page: a page of the list and its count are kept while nothing in the database
 * changes, for at most half a minute (overdue flags follow the clock). Decision 21 gives the
 * measurements with and without it.
 */
export const LIST_KEPT_SECONDS = 30;

const keptPages = new LRUCache<string, SearchResult, { database: Db; user: CurrentUser; filters: IncidentFilters; page: number }>({
  max: 500,
  ttl: LIST_KEPT_SECONDS * 1000,
  memoMethod: (_key, _stale, { context }) => searchIncidents(context.database, context.user, context.filters, context.page),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const params = new URL(request.url).searchParams;
  const filters = parseFilters(params);
  const database = db();
  const page = parsePage(params);
  const key = [viewerKey(database, user), dataVersion(database), filterQuery(filters), page].join(":");
  const result = keptPages.memo(key, { context: { database, user, filters, page } });
  return json({
    ...result,
    filters,
    query: filterQuery(filters),
    filtered: filterQuery({ ...filters, sort: "newest" }) !== "",
    options: { paths: pathOptions(), states: stateOptions(), services: serviceOptions(db()) },
  });
}


function withPage(query: string, page: number): string {
  const params = new URLSearchParams(query);
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/incidents?${search}` : "/incidents";
}

export default function Incidents() {
  const { rows, total, page, pageCount, filters, query, filtered, options } = useLoaderData<typeof loader>();
  const first = (page - 1) * PAGE_SIZE + 1;
  const last = first + rows.length - 1;
  return (
    <div>
      <h1 className="text-3xl font-bold">Incidents</h1>
      <p className="mt-2">Every incident you are allowed to see: your own reports, your team&apos;s, and those your role covers.</p>

      <section aria-labelledby="filters-title" className="panel mt-6">
        <h2 id="filters-title" className="text-xl font-bold">
          Filter incidents
        </h2>
        <Form method="get" key={query} className="mt-4 grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
          <div>
            <label htmlFor="filter-path" className="label">
              Path
            </label>
            <select id="filter-path" name="path" defaultValue={filters.path ?? ""} className="input mt-1">
              <option value="">Any path</option>
              {options.paths.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-state" className="label">
              Step
            </label>
            <select id="filter-state" name="state" defaultValue={filters.state ?? ""} className="input mt-1">
              <option value="">Any step</option>
              {options.states.map((group) => (
                <optgroup key={group.label} label={group.label}>
                  {group.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-person" className="label">
              Reported by
            </label>
            <span id="filter-person-hint" className="hint text-sm">
              Part of the name
            </span>
            <input
              id="filter-person"
              name="person"
              type="text"
              defaultValue={filters.person ?? ""}
              aria-describedby="filter-person-hint"
              className="input mt-1"
            />
          </div>
          <div>
            <label htmlFor="filter-service" className="label">
              Service of the person who reported it
            </label>
            <select id="filter-service" name="service" defaultValue={filters.service ?? ""} className="input mt-1">
              <option value="">Any service</option>
              {options.services.map((service) => (
                <option key={service} value={service}>
                  {service}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-channel" className="label">
              Channel
            </label>
            <span id="filter-channel-hint" className="hint text-sm">
              Part of the account a mistaken post was made on
            </span>
            <input
              id="filter-channel"
              name="channel"
              type="text"
              defaultValue={filters.channel ?? ""}
              aria-describedby="filter-channel-hint"
              className="input mt-1"
            />
          </div>
          <div>
            <label htmlFor="filter-sort" className="label">
              Sort by
            </label>
            <select id="filter-sort" name="sort" defaultValue={filters.sort} className="input mt-1">
              {(Object.keys(SORTS) as SortKey[]).map((sort) => (
                <option key={sort} value={sort}>
                  {SORTS[sort]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-from" className="label">
              Reported from
            </label>
            <input id="filter-from" name="from" type="date" defaultValue={filters.from ?? ""} className="input mt-1" />
          </div>
          <div>
            <label htmlFor="filter-to" className="label">
              Reported to
            </label>
            <input id="filter-to" name="to" type="date" defaultValue={filters.to ?? ""} className="input mt-1" />
          </div>
          <div className="flex items-center gap-3 sm:mt-7">
            <input
              id="filter-overdue"
              name="overdue"
              type="checkbox"
              value="1"
              defaultChecked={filters.overdueOnly}
              className="h-6 w-6 shrink-0 accent-brand"
            />
            <label htmlFor="filter-overdue" className="label">
              Only overdue incidents
            </label>
          </div>
          <div className="flex flex-wrap items-center gap-4 sm:col-span-2 lg:col-span-3">
            <button type="submit" className="button">
              Apply filters
            </button>
            {filtered ? (
              <Link to="/incidents" className="link">
                Clear filters
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <p className="mt-6">
        <a href={`/incidents/csv${query ? `?${query}` : ""}`} className="link font-semibold" download>
          Download as CSV
        </a>{" "}
        <span className="text-muted">(all {total} matching, not only this page)</span>
      </p>

      {rows.length === 0 && total > 0 ? (
        <p className="mt-6 text-lg font-semibold">
          There is no page {page}.{" "}
          <Link to={withPage(query, 1)} className="link">
            Go to the first page
          </Link>
        </p>
      ) : rows.length === 0 ? (
        <p className="mt-6 text-lg font-semibold">{filtered ? "No incidents match these filters." : "There are no incidents for you to see yet."}</p>
      ) : (
        <>
          <div className="mt-4 overflow-x-auto">
            <table className="reflow-table w-full text-sm">
              <caption className="mb-2 text-left text-base text-muted">
                Incidents {first} to {last} of {total}, {SORTS[filters.sort].toLowerCase()}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="header-cell">Reference</th>
                  <th scope="col" className="header-cell">Path</th>
                  <th scope="col" className="header-cell">Title</th>
                  <th scope="col" className="header-cell">Reported by</th>
                  <th scope="col" className="header-cell">Step</th>
                  <th scope="col" className="header-cell">Reported</th>
                  <th scope="col" className="header-cell">Last updated</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.reference} className={row.overdue ? "bg-red-50" : undefined}>
                    <th scope="row" className="row-header-cell whitespace-nowrap">
                      <Link to={`/incidents/${row.reference}`} className="link font-semibold">
                        {row.reference}
                      </Link>
                    </th>
                    <td className="cell" data-label="Path">
                      {row.kindTitle}
                    </td>
                    <td className="cell" data-label="Title">
                      {row.title}
                    </td>
                    <td className="cell" data-label="Reported by">
                      {row.reporterName}
                      <span className="block text-muted">{row.reporterService}</span>
                    </td>
                    <td className="cell" data-label="Step">
                      {row.stepTitle}
                      {row.overdue ? <span className="tag mt-1 block w-fit bg-danger text-white">Overdue</span> : null}
                    </td>
                    <td className="cell" data-label="Reported">
                      {formatDateTime(row.createdAt)}
                    </td>
                    <td className="cell" data-label="Last updated">
                      {formatDateTime(row.updatedAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination label="Pages of incidents" page={page} pageCount={pageCount} linkTo={(target) => withPage(query, target)} />
        </>
      )}
    </div>
  );
}
