import { ChartFigure, MonthTable } from "../../components/dashboard";
import type { AbuseCounts } from "./dashboard.server";

/** Each platform reported on, as a series of the chart and a column of its table. */
export function platformSeries(counts: AbuseCounts): { key: string; label: string }[] {
  return counts.byPlatform.platforms.map((platform) => ({ key: platform, label: platform }));
}

/** The dashboard's counts of abuse reports: by kind of abuse and by platform, per month. */
export function AbuseSection({ figures, charts }: { figures: AbuseCounts; charts: Record<string, string> }) {
  const platforms = platformSeries(figures);
  return (
    <section aria-labelledby="abuse-title" className="panel mt-6">
      <h2 id="abuse-title" className="text-xl font-bold">
        Abuse of staff reported, last {figures.byKind.months.length} months
      </h2>
      <p className="mt-2 text-sm">
        A report can name more than one kind of abuse, so the kinds can add up to more than the reports. A report whose kind
        of abuse you are not told (one you help to get removed) is counted by platform only.
      </p>
      <ChartFigure
        id="abuse-kind"
        title="Reports by kind of abuse, per month"
        svg={charts.byKind}
        legend={figures.byKind.kinds.map((kind) => kind.label)}
        table={<MonthTable caption="Reports by kind of abuse, per month" series={figures.byKind.kinds} months={figures.byKind.months} />}
      />
      {platforms.length === 0 ? (
        <p className="mt-4">No reports on any platform in these months.</p>
      ) : (
        <ChartFigure
          id="abuse-platform"
          title="Reports by platform, per month"
          svg={charts.byPlatform}
          legend={platforms.map((platform) => platform.label)}
          table={<MonthTable caption="Reports by platform, per month" series={platforms} months={figures.byPlatform.months} />}
        />
      )}
    </section>
  );
}
