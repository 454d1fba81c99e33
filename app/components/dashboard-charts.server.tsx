import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { Bar, BarChart, CartesianGrid, XAxis, YAxis } from "recharts";
import type { Dashboard, MonthCounts, OpenStepRow, TimingRow } from "~/models/dashboard.server";
import { formatMonth } from "../../machines/kit/dates";
import { seriesColour, TIMING_SERIES } from "./dashboard";

/**
 * The dashboard's charts, drawn with Recharts 2 into SVG markup on the server: Recharts 3 renders
 * only an empty wrapper on the server (recharts/recharts#5997), and a fixed width and height let
 * the SVG be drawn without a browser. A path's own sections draw theirs with monthChart.
 *
 * Each chart is drawn twice, for a phone and for a wider screen, and the page shows the one that
 * fits (the CSS scales it to the width it is given, so the page never scrolls sideways). With no
 * browser to measure text, the labels are wrapped here by an estimate of their width, and the key
 * to the colours is an HTML list under the chart (ChartFigure), where it cannot cover the axes.
 */

const FONT_SIZE = 12;
const LINE_HEIGHT = 14;
/** A generous average width of a character of the sans-serif font, as a share of its size. */
const CHARACTER_WIDTH = 0.62;

const SIZES = [
  { width: 320, className: "chart sm:hidden" },
  { width: 640, className: "chart hidden max-w-[40rem] sm:block" },
] as const;

/** The lines a label takes in a space this wide, broken between words. */
function wrapWords(text: string, width: number): string[] {
  const maxCharacters = Math.max(4, Math.floor(width / (FONT_SIZE * CHARACTER_WIDTH)));
  const lines: string[] = [];
  for (const word of text.split(" ")) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= maxCharacters) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

interface TickProps {
  x: number;
  y: number;
  payload: { value: string | number };
}

/** An axis label wrapped onto as many lines as it needs: beside a bar (left axis) or under one (bottom axis). */
function wrappedTick(side: "left" | "bottom", width: number) {
  function WrappedTick({ x, y, payload }: TickProps) {
    const lines = wrapWords(String(payload.value), width);
    const firstLine = side === "left" ? FONT_SIZE * 0.35 - ((lines.length - 1) * LINE_HEIGHT) / 2 : FONT_SIZE;
    return (
      <text x={x} y={y} textAnchor={side === "left" ? "end" : "middle"} fontSize={FONT_SIZE} fill="#0b0c0c">
        {lines.map((line, index) => (
          <tspan key={index} x={x} dy={index === 0 ? firstLine : LINE_HEIGHT}>
            {line}
          </tspan>
        ))}
      </text>
    );
  }
  return WrappedTick;
}

/** The most lines any of these labels takes. */
function mostLines(labels: string[], width: number): number {
  return Math.max(1, ...labels.map((label) => wrapWords(label, width).length));
}

/** Bars across, one row a label, each row tall enough for its label's lines. */
function HorizontalBars({
  id,
  width,
  data,
  bars,
  unit,
}: {
  id: string;
  width: number;
  data: { label: string; [value: string]: string | number }[];
  bars: { key: string; name: string }[];
  unit?: string;
}) {
  const labelWidth = Math.round(width * 0.42);
  const rowHeight = Math.max(16 * bars.length + 16, mostLines(data.map((row) => row.label), labelWidth) * LINE_HEIGHT + 12);
  return (
    <BarChart
      id={id}
      layout="vertical"
      width={width}
      height={rowHeight * data.length + 40}
      data={data}
      margin={{ top: 8, right: 32, bottom: 8, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} tick={{ fill: "#0b0c0c", fontSize: FONT_SIZE }} unit={unit} />
      <YAxis type="category" dataKey="label" width={labelWidth} interval={0} tick={wrappedTick("left", labelWidth - 12)} />
      {bars.map((bar, index) => (
        <Bar key={bar.key} dataKey={bar.key} name={bar.name} fill={seriesColour(index)} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}

function OpenChart({ width, rows }: { width: number; rows: OpenStepRow[] }) {
  const data = rows.map((row) => ({ label: `${row.kindTitle}: ${row.stepTitle}`, count: row.count }));
  return <HorizontalBars id={`open-chart-svg-${width}`} width={width} data={data} bars={[{ key: "count", name: "Open incidents" }]} />;
}

function TimingChart({ width, rows }: { width: number; rows: TimingRow[] }) {
  const hours = (minutes: number | null) => (minutes === null ? 0 : Math.round((minutes / 60) * 10) / 10);
  const data = rows.map((row) => ({ label: row.label.replace("Report to ", "To "), median: hours(row.median), p90: hours(row.p90) }));
  return (
    <HorizontalBars
      id={`timings-chart-${width}`}
      width={width}
      data={data}
      bars={[
        { key: "median", name: TIMING_SERIES[0] },
        { key: "p90", name: TIMING_SERIES[1] },
      ]}
      unit=" h"
    />
  );
}

const MONTH_AXIS_WIDTH = 40;

function MonthChart({ id, width, series, months }: { id: string; width: number; series: { key: string; label: string }[]; months: MonthCounts[] }) {
  // By function, not by name: a platform's name may hold characters Recharts reads as a path.
  const data = months.map((row) => ({ month: formatMonth(row.month), counts: row.counts }));
  const bandWidth = (width - MONTH_AXIS_WIDTH - 16) / Math.max(1, data.length);
  const monthLines = mostLines(
    data.map((row) => row.month),
    bandWidth - 4,
  );
  return (
    <BarChart id={`${id}-${width}`} width={width} height={240 + monthLines * LINE_HEIGHT} data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="month" interval={0} height={monthLines * LINE_HEIGHT + 12} tick={wrappedTick("bottom", bandWidth - 4)} />
      <YAxis allowDecimals={false} width={MONTH_AXIS_WIDTH} tick={{ fill: "#0b0c0c", fontSize: FONT_SIZE }} />
      {series.map((item, index) => (
        <Bar
          key={item.key}
          dataKey={(row: { counts: Record<string, number> }) => row.counts[item.key] ?? 0}
          name={item.label}
          stackId="all"
          fill={seriesColour(index)}
          isAnimationActive={false}
        />
      ))}
    </BarChart>
  );
}

/** A chart in each of its sizes, as SVG markup; the page's CSS shows the one for the screen. */
function drawnInEachSize(draw: (width: number) => ReactElement): string {
  return renderToStaticMarkup(
    <>
      {SIZES.map(({ width, className }) => (
        <div key={width} className={className}>
          {draw(width)}
        </div>
      ))}
    </>,
  );
}

/** A chart of counts per month (one bar a month, its series stacked), as SVG markup. */
export function monthChart(id: string, series: { key: string; label: string }[], months: MonthCounts[]): string {
  return drawnInEachSize((width) => <MonthChart id={id} width={width} series={series} months={months} />);
}

/** The charts of the dashboard's shared figures as SVG markup; an empty string where there is nothing to draw. */
export function dashboardCharts(dashboard: Pick<Dashboard, "openByStep" | "timings">): { open: string; timings: string } {
  return {
    open: dashboard.openByStep.length === 0 ? "" : drawnInEachSize((width) => <OpenChart width={width} rows={dashboard.openByStep} />),
    timings: drawnInEachSize((width) => <TimingChart width={width} rows={dashboard.timings} />),
  };
}
