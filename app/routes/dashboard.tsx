import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { dashboardCharts } from "~/components/dashboard-charts.server";
import { DASHBOARD_ROLES, dashboardCacheKey, getDashboard, type MonthCounts } from "~/models/dashboard.server";
import { cachedUntilDataChanges } from "~/utils/data-cache.server";
import { requireAnyRole } from "~/utils/auth.server";
import { formatDateTime, formatMonth } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";

/**
 * The charts are SVG drawn on the server (components/dashboard-charts.server.tsx) once per change
 * to the data, and shown as they are: they work without JavaScript, and no charting code is sent
 * to the browser. Each chart has the same figures in a table beside it.
 */

export const meta: MetaFunction = () => [{ title: "Dashboard · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAnyRole(request, DASHBOARD_ROLES);
  const database = db();
  const now = new Date();
  const dashboard = getDashboard(database, user, now);
  // Drawn from the same cached figures, so kept exactly as long as they are.
  const charts = cachedUntilDataChanges(database, `${dashboardCacheKey(user, now)}:charts`, () => dashboardCharts(dashboard));
  return json({ ...dashboard, charts });
}

const numberHeader = "header-cell text-right";
const numberCell = "cell text-right tabular-nums";

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

/** The header row of a table; numeric columns line up on the right. */
function TableHead({ columns }: { columns: { label: string; numeric?: boolean }[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column.label} scope="col" className={column.numeric ? numberHeader : "header-cell"}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A chart with its figures: the chart is a labelled image, and the table beside it is the text alternative. */
function ChartFigure({ id, title, svg, table }: { id: string; title: string; svg: string; table: ReactNode }) {
  return (
    <figure aria-labelledby={`${id}-caption`} className="mt-4">
      <figcaption id={`${id}-caption`} className="font-semibold">
        {title}
      </figcaption>
      <div className="mt-2 flex flex-wrap items-start gap-6">
        <div
          role="img"
          aria-label={`Chart: ${title}. The same figures are in the table beside it.`}
          className="max-w-full overflow-x-auto"
          data-chart={id}
          // Markup drawn by Recharts on the server from numbers and labels escaped by React.
          dangerouslySetInnerHTML={{ __html: svg }}
        />
        <div className="min-w-0 flex-1">{table}</div>
      </div>
    </figure>
  );
}

function MonthTable({ caption, series, months }: { caption: string; series: { key: string; label: string }[]; months: MonthCounts[] }) {
  return (
    <table className="w-full border-collapse text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col" className="header-cell">
            Month
          </th>
          {series.map((item) => (
            <th key={item.key} scope="col" className={numberHeader}>
              {item.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {months.map((row) => (
          <tr key={row.month}>
            <th scope="row" className="row-header-cell">
              {formatMonth(row.month)}
            </th>
            {series.map((item) => (
              <td key={item.key} className={numberCell}>
                {row.counts[item.key] ?? 0}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function DashboardPage() {
  const data = useLoaderData<typeof loader>();
  const openTotal = data.openByStep.reduce((sum, row) => sum + row.count, 0);
  const kindSeries = data.abuseByKind.kinds.map((kind) => ({ key: kind.key, label: kind.label }));
  const platformSeries = data.abuseByPlatform.platforms.map((platform) => ({ key: platform, label: platform }));
  return (
    <div>
      <h1 className="text-3xl font-bold">Dashboard</h1>
      <p className="mt-2">Figures for the incidents you are allowed to see. Times are in the organisation&apos;s time zone.</p>

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
              <table className="w-full border-collapse text-sm">
                <caption className="sr-only">Open incidents by path and step</caption>
                <TableHead columns={[{ label: "Path" }, { label: "Step" }, { label: "Open", numeric: true }]} />
                <tbody>
                  {data.openByStep.map((row) => (
                    <tr key={`${row.kind}-${row.state}`}>
                      <td className="cell">{row.kindTitle}</td>
                      <td className="cell">{row.stepTitle}</td>
                      <td className={numberCell}>{row.count}</td>
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
          <table className="mt-4 w-full border-collapse text-sm">
            <caption className="sr-only">Steps whose deadline has passed</caption>
            <TableHead columns={[{ label: "Incident" }, { label: "What is overdue" }, { label: "Was due" }]} />
            <tbody>
              {data.overdue.map((row) => (
                <tr key={`${row.reference}-${row.dueAt}-${row.description}`}>
                  <td className="cell">
                    <Link to={`/incidents/${row.reference}`} className="link">
                      {row.reference}
                    </Link>
                    <div className="text-muted">{row.kindTitle}</div>
                  </td>
                  <td className="cell">{row.description}</td>
                  <td className="cell">{formatDateTime(row.dueAt)}</td>
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
          <table className="mt-4 w-full border-collapse text-sm">
            <caption className="sr-only">Channels whose scheduled posts are stopped</caption>
            <TableHead columns={[{ label: "Channel" }, { label: "Paused by" }, { label: "Since" }, { label: "Incident" }]} />
            <tbody>
              {data.pausedChannels.map((row) => (
                <tr key={row.id}>
                  <td className="cell">
                    {row.handle} <span className="text-muted">({row.platform})</span>
                  </td>
                  <td className="cell">{row.pausedByName ?? "Holdfast"}</td>
                  <td className="cell">{formatDateTime(row.pausedAt)}</td>
                  <td className="cell">
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
          table={
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">Median and 90th percentile times from report</caption>
              <TableHead columns={[{ label: "From report to" }, { label: "Incidents", numeric: true }, { label: "Median", numeric: true }, { label: "90th percentile", numeric: true }]} />
              <tbody>
                {data.timings.map((row) => (
                  <tr key={row.key}>
                    <th scope="row" className="row-header-cell">
                      {row.label}
                    </th>
                    <td className={numberCell}>{row.count}</td>
                    <td className={numberCell}>{formatMinutes(row.median)}</td>
                    <td className={numberCell}>{formatMinutes(row.p90)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </section>

      <section aria-labelledby="abuse-title" className="panel mt-6">
        <h2 id="abuse-title" className="text-xl font-bold">
          Abuse of staff reported, last {data.abuseByKind.months.length} months
        </h2>
        <p className="mt-2 text-sm">
          A report can name more than one kind of abuse, so the kinds can add up to more than the reports. A report whose kind
          of abuse you are not told (one you help to get removed) is counted by platform only.
        </p>
        <ChartFigure
          id="abuse-kind"
          title="Reports by kind of abuse, per month"
          svg={data.charts.abuseKind}
          table={<MonthTable caption="Reports by kind of abuse, per month" series={kindSeries} months={data.abuseByKind.months} />}
        />
        {platformSeries.length === 0 ? (
          <p className="mt-4">No reports on any platform in these months.</p>
        ) : (
          <ChartFigure
            id="abuse-platform"
            title="Reports by platform, per month"
            svg={data.charts.abusePlatform}
            table={<MonthTable caption="Reports by platform, per month" series={platformSeries} months={data.abuseByPlatform.months} />}
          />
        )}
      </section>
    </div>
  );
}
