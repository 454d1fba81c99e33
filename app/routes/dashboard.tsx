import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from "recharts";
import { DASHBOARD_ROLES, getDashboard, type MonthCounts, type TimingRow } from "~/models/dashboard.server";
import { requireAnyRole } from "~/utils/auth.server";
import { formatDateTime } from "~/utils/dates";
import { db } from "~/utils/db.server";

/**
 * Charts are drawn with Recharts 2 at a fixed size: Recharts 3 renders only an empty wrapper on
 * the server (recharts/recharts#5997), and a fixed width and height let the SVG be drawn before
 * any script runs. Each chart has the same figures in a table beside it.
 */

export const meta: MetaFunction = () => [{ title: "Dashboard · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAnyRole(request, DASHBOARD_ROLES);
  return json(getDashboard(db(), user, new Date()));
}

const headerCell = "border-b-2 border-ink py-2 pr-4 text-left align-bottom font-semibold";
const numberHeader = `${headerCell} text-right`;
const cell = "border-b border-gray-300 py-2 pr-4 align-top";
const numberCell = `${cell} text-right tabular-nums`;

/** Colours with at least 3:1 contrast on white, told apart by the tables as well as by colour. */
const SERIES_COLOURS = ["#1d4ed8", "#b45309", "#166534", "#7e22ce", "#b91c1c", "#0f766e", "#505a5f"];
const CHART_WIDTH = 640;
const CHART_HEIGHT = 280;

const monthFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", month: "short", year: "numeric" });

function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
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

/** The header row of a table; numeric columns line up on the right. */
function TableHead({ columns }: { columns: { label: string; numeric?: boolean }[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column.label} scope="col" className={column.numeric ? numberHeader : headerCell}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A chart with its figures: the chart is a labelled image, and the table beside it is the text alternative. */
function ChartFigure({ id, title, chart, table }: { id: string; title: string; chart: ReactNode; table: ReactNode }) {
  return (
    <figure aria-labelledby={`${id}-caption`} className="mt-4">
      <figcaption id={`${id}-caption`} className="font-semibold">
        {title}
      </figcaption>
      <div className="mt-2 flex flex-wrap items-start gap-6">
        <div role="img" aria-label={`Chart: ${title}. The same figures are in the table beside it.`} className="max-w-full overflow-x-auto" data-chart={id}>
          {chart}
        </div>
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
          <th scope="col" className={headerCell}>
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
            <th scope="row" className={`${cell} text-left font-normal`}>
              {monthLabel(row.month)}
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

function MonthChart({ id, series, months }: { id: string; series: { key: string; label: string }[]; months: MonthCounts[] }) {
  // By function, not by name: a platform's name may hold characters Recharts reads as a path.
  const data = months.map((row) => ({ month: monthLabel(row.month), counts: row.counts }));
  return (
    <BarChart id={id} width={CHART_WIDTH} height={CHART_HEIGHT} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="month" tick={{ fill: "#0b0c0c" }} />
      <YAxis allowDecimals={false} tick={{ fill: "#0b0c0c" }} />
      <Legend />
      {series.map((item, index) => (
        <Bar key={item.key} dataKey={(row: { counts: Record<string, number> }) => row.counts[item.key] ?? 0} name={item.label} stackId="all" fill={SERIES_COLOURS[index % SERIES_COLOURS.length]} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

function TimingChart({ rows }: { rows: TimingRow[] }) {
  const hours = (minutes: number | null) => (minutes === null ? 0 : Math.round((minutes / 60) * 10) / 10);
  const data = rows.map((row) => ({ label: row.label.replace("Report to ", "To "), median: hours(row.median), p90: hours(row.p90) }));
  return (
    <BarChart id="timings-chart" layout="vertical" width={CHART_WIDTH} height={CHART_HEIGHT} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" tick={{ fill: "#0b0c0c" }} unit=" h" />
      <YAxis type="category" dataKey="label" width={240} tick={{ fill: "#0b0c0c", fontSize: 12 }} />
      <Legend />
      <Bar dataKey="median" name="Median (hours)" fill={SERIES_COLOURS[0]} isAnimationActive={false} />
      <Bar dataKey="p90" name="90th percentile (hours)" fill={SERIES_COLOURS[1]} isAnimationActive={false} />
    </BarChart>
  );
}

export default function DashboardPage() {
  const data = useLoaderData<typeof loader>();
  const openTotal = data.openByStep.reduce((sum, row) => sum + row.count, 0);
  const openChartData = data.openByStep.map((row) => ({ label: `${row.kindTitle}: ${row.stepTitle}`, count: row.count }));
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
            chart={
              <BarChart id="open-chart-svg" layout="vertical" width={CHART_WIDTH} height={Math.max(120, 48 * openChartData.length + 40)} data={openChartData} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={{ fill: "#0b0c0c" }} />
                <YAxis type="category" dataKey="label" width={280} tick={{ fill: "#0b0c0c", fontSize: 12 }} />
                <Bar dataKey="count" name="Open incidents" fill={SERIES_COLOURS[0]} isAnimationActive={false} />
              </BarChart>
            }
            table={
              <table className="w-full border-collapse text-sm">
                <caption className="sr-only">Open incidents by path and step</caption>
                <TableHead columns={[{ label: "Path" }, { label: "Step" }, { label: "Open", numeric: true }]} />
                <tbody>
                  {data.openByStep.map((row) => (
                    <tr key={`${row.kind}-${row.state}`}>
                      <td className={cell}>{row.kindTitle}</td>
                      <td className={cell}>{row.stepTitle}</td>
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
                  <td className={cell}>
                    <Link to={`/incidents/${row.reference}`} className="link">
                      {row.reference}
                    </Link>
                    <div className="text-muted">{row.kindTitle}</div>
                  </td>
                  <td className={cell}>{row.description}</td>
                  <td className={cell}>{formatDateTime(row.dueAt)}</td>
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
                  <td className={cell}>
                    {row.handle} <span className="text-muted">({row.platform})</span>
                  </td>
                  <td className={cell}>{row.pausedByName ?? "Holdfast"}</td>
                  <td className={cell}>{formatDateTime(row.pausedAt)}</td>
                  <td className={cell}>
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
          chart={<TimingChart rows={data.timings} />}
          table={
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">Median and 90th percentile times from report</caption>
              <TableHead columns={[{ label: "From report to" }, { label: "Incidents", numeric: true }, { label: "Median", numeric: true }, { label: "90th percentile", numeric: true }]} />
              <tbody>
                {data.timings.map((row) => (
                  <tr key={row.key}>
                    <th scope="row" className={`${cell} text-left font-normal`}>
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
        <p className="mt-2 text-sm">A report can name more than one kind of abuse, so the kinds can add up to more than the reports.</p>
        <ChartFigure
          id="abuse-kind"
          title="Reports by kind of abuse, per month"
          chart={<MonthChart id="abuse-kind-chart" series={kindSeries} months={data.abuseByKind.months} />}
          table={<MonthTable caption="Reports by kind of abuse, per month" series={kindSeries} months={data.abuseByKind.months} />}
        />
        {platformSeries.length === 0 ? (
          <p className="mt-4">No reports on any platform in these months.</p>
        ) : (
          <ChartFigure
            id="abuse-platform"
            title="Reports by platform, per month"
            chart={<MonthChart id="abuse-platform-chart" series={platformSeries} months={data.abuseByPlatform.months} />}
            table={<MonthTable caption="Reports by platform, per month" series={platformSeries} months={data.abuseByPlatform.months} />}
          />
        )}
      </section>
    </div>
  );
}
