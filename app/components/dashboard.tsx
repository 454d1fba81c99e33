import type { ReactNode } from "react";
import type { MonthCounts } from "~/models/dashboard.server";
import { formatMonth } from "../../machines/kit/dates";

/** The dashboard's tables and charts, shared by its own sections and those of each path. */

const numberHeader = "header-cell text-right";
export const numberCell = "cell text-right tabular-nums";

/** The header row of a table; numeric columns line up on the right. */
export function TableHead({ columns }: { columns: { label: string; numeric?: boolean }[] }) {
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

/** Colours with at least 3:1 contrast on white, told apart by the tables as well as by colour. */
const SERIES_COLOURS = ["#1d4ed8", "#b45309", "#166534", "#7e22ce", "#b91c1c", "#0f766e", "#505a5f"];

/** The colour of a chart's series, by its place in the chart's key. */
export function seriesColour(index: number): string {
  return SERIES_COLOURS[index % SERIES_COLOURS.length]!;
}

/** The series of the chart of how long things take, in the order they are drawn. */
export const TIMING_SERIES = ["Median (hours)", "90th percentile (hours)"] as const;

/**
 * A chart with its figures: the chart is a labelled image that fits the width it is given, its
 * key (the names of its series, in order) is a list under it, and the table under that is the
 * text alternative.
 */
export function ChartFigure({ id, title, svg, legend, table }: { id: string; title: string; svg: string; legend?: readonly string[]; table: ReactNode }) {
  return (
    <figure aria-labelledby={`${id}-caption`} className="mt-4">
      <figcaption id={`${id}-caption`} className="font-semibold">
        {title}
      </figcaption>
      <div
        role="img"
        aria-label={`Chart: ${title}. The same figures are in the table under it.`}
        className="mt-2"
        data-chart={id}
        // Markup drawn by Recharts on the server from numbers and labels escaped by React.
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      {legend && legend.length > 1 ? (
        <ul aria-label="Key" className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {legend.map((label, index) => (
            <li key={label} className="flex items-center gap-2">
              <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0" style={{ backgroundColor: seriesColour(index) }} />
              {label}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mt-4">{table}</div>
    </figure>
  );
}

export function MonthTable({ caption, series, months }: { caption: string; series: { key: string; label: string }[]; months: MonthCounts[] }) {
  return (
    <table className="reflow-table w-full border-collapse text-sm">
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
              <td key={item.key} className={numberCell} data-label={item.label}>
                {row.counts[item.key] ?? 0}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
