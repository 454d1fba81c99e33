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

/** A chart with its figures: the chart is a labelled image, and the table beside it is the text alternative. */
export function ChartFigure({ id, title, svg, table }: { id: string; title: string; svg: string; table: ReactNode }) {
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

export function MonthTable({ caption, series, months }: { caption: string; series: { key: string; label: string }[]; months: MonthCounts[] }) {
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
