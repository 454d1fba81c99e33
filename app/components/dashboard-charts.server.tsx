import { renderToStaticMarkup } from "react-dom/server";
import { Bar, BarChart, CartesianGrid, Legend, XAxis, YAxis } from "recharts";
import type { Dashboard, MonthCounts, OpenStepRow, TimingRow } from "~/models/dashboard.server";
import { formatMonth } from "../../machines/kit/dates";

/**
 * The dashboard's charts, drawn with Recharts 2 into SVG markup on the server: Recharts 3 renders
 * only an empty wrapper on the server (recharts/recharts#5997), and a fixed width and height let
 * the SVG be drawn without a browser. A path's own sections draw theirs with monthChart.
 */

/** Colours with at least 3:1 contrast on white, told apart by the tables as well as by colour. */
const SERIES_COLOURS = ["#1d4ed8", "#b45309", "#166534", "#7e22ce", "#b91c1c", "#0f766e", "#505a5f"];
const CHART_WIDTH = 640;
const CHART_HEIGHT = 280;

function OpenChart({ rows }: { rows: OpenStepRow[] }) {
  const data = rows.map((row) => ({ label: `${row.kindTitle}: ${row.stepTitle}`, count: row.count }));
  return (
    <BarChart id="open-chart-svg" layout="vertical" width={CHART_WIDTH} height={Math.max(120, 48 * data.length + 40)} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} tick={{ fill: "#0b0c0c" }} />
      <YAxis type="category" dataKey="label" width={280} tick={{ fill: "#0b0c0c", fontSize: 12 }} />
      <Bar dataKey="count" name="Open incidents" fill={SERIES_COLOURS[0]} isAnimationActive={false} />
    </BarChart>
  );
}

function MonthChart({ id, series, months }: { id: string; series: { key: string; label: string }[]; months: MonthCounts[] }) {
  // By function, not by name: a platform's name may hold characters Recharts reads as a path.
  const data = months.map((row) => ({ month: formatMonth(row.month), counts: row.counts }));
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

/** A chart of counts per month (one bar a month, its series stacked), as SVG markup. */
export function monthChart(id: string, series: { key: string; label: string }[], months: MonthCounts[]): string {
  return renderToStaticMarkup(<MonthChart id={id} series={series} months={months} />);
}

/** The charts of the dashboard's shared figures as SVG markup; an empty string where there is nothing to draw. */
export function dashboardCharts(dashboard: Pick<Dashboard, "openByStep" | "timings">): { open: string; timings: string } {
  return {
    open: dashboard.openByStep.length === 0 ? "" : renderToStaticMarkup(<OpenChart rows={dashboard.openByStep} />),
    timings: renderToStaticMarkup(<TimingChart rows={dashboard.timings} />),
  };
}
