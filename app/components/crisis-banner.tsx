import { Link } from "@remix-run/react";
import type { CrisisBanner as CrisisBannerData } from "../models/crisis-banner.server";

/** "A crisis plan is in force: posts on … are paused", on every page while one is. */
export function CrisisBanner({ banner }: { banner: CrisisBannerData | null }) {
  if (!banner) return null;
  const listed = banner.channels.length === 1 ? banner.channels[0] : `${banner.channels.slice(0, -1).join(", ")} and ${banner.channels.at(-1)}`;
  const linked = banner.incidents.flatMap((incident) => (incident.reference ? [incident.reference] : []));
  return (
    <section aria-labelledby="crisis-banner-title" className="mb-6 border-l-8 border-l-danger bg-red-50 p-4">
      <p id="crisis-banner-title" className="break-words font-bold">
        {banner.incidents.length === 1 ? "A crisis plan is in force" : `${banner.incidents.length} crisis plans are in force`}: posts on {listed} are paused
      </p>
      {linked.length ? (
        <p className="mt-1">
          {linked.map((reference, index) => (
            <span key={reference}>
              {index > 0 ? ", " : null}
              <Link to={`/incidents/${reference}`} className="link">
                See incident {reference}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
