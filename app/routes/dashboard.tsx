import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ChartFigure, numberCell, TableHead, TIMING_SERIES } from "~/components/dashboard";
import { dashboardCharts } from "~/components/dashboard-charts.server";
import { LRUCache } from "lru-cache";
import type { Db } from "../../db/client";
import { DASHBOARD_ROLES, dashboardFigures, liveDashboard } from "~/models/dashboard.server";
import { DASHBOARD_SECTIONS } from "~/paths/registry";
import { requireAnyRole, type CurrentUser } from "~/utils/auth.server";
import { formatDateTime } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";
import { viewerKey } from "~/utils/viewer-key.server";

/**
 * The charts are SVG drawn on the server (components/dashboard-charts.server.tsx and each path's
 * own sections) and shown as they are: they work without JavaScript, and no charting code is sent
 * to the browser. Each chart has the same figures in a table beside it.
 */

export const meta: MetaFunction = () => [{ title: "Dashboard · Holdfast" }];

/**
 * The figures drawn from every incident the viewer may see (what is open, how long things take,
 * each path's own sections) and their charts cost tens of milliseconds at 10,000 incidents, so
 * each viewer's are kept for a minute (decision 21, with the measurements); what is overdue and
 * which channels are paused are read on every request.
 */
export const FIGURES_KEPT_SECONDS = 60;

function drawFigures(database: Db, user: CurrentUser, now: Date) {
  const figures = dashboardFigures(database, user);
  const sections = DASHBOARD_SECTIONS.map((section) => {
    const sectionFigures = section.figures(database, user, now);
    return { id: section.id, figures: sectionFigures, charts: section.charts(sectionFigures) };
  });
  return { ...figures, charts: dashboardCharts(figures), sections, figuresAt: now.toISOString() };
}

const keptFigures = new LRUCache<string, ReturnType<typeof drawFigures>, { database: Db; user: CurrentUser; now: Date }>({
  max: 500,
  ttl: FIGURES_KEPT_SECONDS * 1000,
  memoMethod: (_key, _stale, { context }) => drawFigures(context.database, context.user, context.now),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAnyRole(request, DASHBOARD_ROLES);
  const database = db();
  const now = new Date();
  return json({ ...keptFigures.memo(viewerKey(database, user), { context: { database, user, now } }), ...liveDashboard(database, user, now) });
}

/** "12 min", "3 h 5 min", "2 d 4 h": a length of time in minutes, for a table. */
function formatMinutes(minutes: number | null): string {
  if (minutes === null) return "No data";
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded} min`;
  const days = Math.floor(rounded / 1440);
  const hours = Math.floor((rounded % 1440) / 60);
  const rest = rounded % 60;
  if (days > 0) return `${days} d ${hours} h`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

export default function DashboardPage() {
  const data = useLoaderData<typeof loader>();
  const openTotal = data.openByStep.reduce((sum, row) => sum + row.count, 0);
  return (
    <div>
      <h1 className="text-3xl font-bold">Dashboard</h1>
      <p className="mt-2">
        Figures for the incidents you are allowed to see, as at {formatDateTime(data.figuresAt)}: they are worked out again each minute,
        while overdue steps and paused channels are as they are now. Times are in the organisation&apos;s time zone.
      </p>

      <section aria-labelledby="open-title" className="panel mt-6">
        <h2 id="open-title" className="text-xl font-bold">
          Open incidents by path and step
        </h2>
        {data.openByStep.length === 0 ? (
          <p className="mt-2">No open incidents.</p>
        ) : (
          <ChartFigure
            id="open-chart"
            title={`Open incidents by path and step (${openTotal} in all)`}
            svg={data.charts.open}
            table={
              <table className="reflow-table w-full border-collapse text-sm">
                <caption className="sr-only">Open incidents by path and step</caption>
                <TableHead columns={[{ label: "Path" }, { label: "Step" }, { label: "Open", numeric: true }]} />
                <tbody>
                  {data.openByStep.map((row) => (
                    <tr key={`${row.kind}-${row.state}`}>
                      <td className="cell" data-label="Path">
                        {row.kindTitle}
                      </td>
                      <td className="cell" data-label="Step">
                        {row.stepTitle}
                      </td>
                      <td className={numberCell} data-label="Open">
                        {row.count}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        )}
      </section>

      <section aria-labelledby="overdue-title" className="panel mt-6">
        <h2 id="overdue-title" className="text-xl font-bold">
          Overdue steps
        </h2>
        {data.overdue.length === 0 ? (
          <p className="mt-2">Nothing is overdue.</p>
        ) : (
          <table className="reflow-table mt-4 w-full border-collapse text-sm">
            <caption className="sr-only">Steps whose deadline has passed</caption>
            <TableHead columns={[{ label: "Incident" }, { label: "What is overdue" }, { label: "Was due" }]} />
            <tbody>
              {data.overdue.map((row) => (
                <tr key={`${row.reference}-${row.dueAt}-${row.description}`}>
                  <th scope="row" className="row-header-cell">
                    <Link to={`/incidents/${row.reference}`} className="link">
                      {row.reference}
                    </Link>
                    <div className="text-muted">{row.kindTitle}</div>
                  </th>
                  <td className="cell" data-label="What is overdue">
                    {row.description}
                  </td>
                  <td className="cell" data-label="Was due">
                    {formatDateTime(row.dueAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="paused-title" className="panel mt-6">
        <h2 id="paused-title" className="text-xl font-bold">
          Paused channels
        </h2>
        {data.pausedChannels.length === 0 ? (
          <p className="mt-2">No channel is paused.</p>
        ) : (
          <table className="reflow-table mt-4 w-full border-collapse text-sm">
            <caption className="sr-only">Channels whose scheduled posts are stopped</caption>
            <TableHead columns={[{ label: "Channel" }, { label: "Paused by" }, { label: "Since" }, { label: "Incident" }]} />
            <tbody>
              {data.pausedChannels.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="row-header-cell">
                    {row.handle} <span className="text-muted">({row.platform})</span>
                  </th>
                  <td className="cell" data-label="Paused by">
                    {row.pausedByName ?? "Holdfast"}
                  </td>
                  <td className="cell" data-label="Since">
                    {formatDateTime(row.pausedAt)}
                  </td>
                  <td className="cell" data-label="Incident">
                    {row.incidentReference ? (
                      <Link to={`/incidents/${row.incidentReference}`} className="link">
                        {row.incidentReference}
                      </Link>
                    ) : (
                      <span className="text-muted">Not shown</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="timings-title" className="panel mt-6">
        <h2 id="timings-title" className="text-xl font-bold">
          How long things take
        </h2>
        <p className="mt-2 text-sm">
          From the report to each point. The median is the middle time; the 90th percentile is the time nine in ten incidents met (nearest rank).
        </p>
        <ChartFigure
          id="timings"
          title="Median and 90th percentile times, in hours"
          svg={data.charts.timings}
          legend={TIMING_SERIES}
          table={
            <table className="reflow-table w-full border-collapse text-sm">
              <caption className="sr-only">Median and 90th percentile times from report</caption>
              <TableHead columns={[{ label: "From report to" }, { label: "Incidents", numeric: true }, { label: "Median", numeric: true }, { label: "90th percentile", numeric: true }]} />
              <tbody>
                {data.timings.map((row) => (
                  <tr key={row.key}>
                    <th scope="row" className="row-header-cell">
                      {row.label}
                    </th>
                    <td className={numberCell} data-label="Incidents">
                      {row.count}
                    </td>
                    <td className={numberCell} data-label="Median">
                      {formatMinutes(row.median)}
                    </td>
                    <td className={numberCell} data-label="90th percentile">
                      {formatMinutes(row.p90)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </section>

      {DASHBOARD_SECTIONS.map(({ id, Section }) => {
        const section = data.sections.find((shown) => shown.id === id)!;
        return <Section key={id} figures={section.figures} charts={section.charts} />;
      })}
    </div>
  );
}
