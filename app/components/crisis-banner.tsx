import { Link } from "@remix-run/react";
import type { CrisisBanner as CrisisBannerData } from "../models/crisis-banner.server";

/**
 * "Scheduled posts on … are paused while a crisis is handled", on every page while a crisis pause
 * is open: from the plan being put in force until the schedule resumes, held posts reviewed.
 */
export function CrisisBanner({ banner }: { banner: CrisisBannerData | null }) {
  if (!banner) return null;
  const listed = banner.channels.length === 1 ? banner.channels[0] : `${banner.channels.slice(0, -1).join(", ")} and ${banner.channels.at(-1)}`;
  const linked = banner.incidents.flatMap((incident) => (incident.reference ? [incident.reference] : []));
  return (
    <section aria-labelledby="crisis-banner-title" className="mb-6 border-l-8 border-l-danger bg-red-50 p-4">
      <p id="crisis-banner-title" className="break-words font-bold">
        Scheduled posts on {listed} are paused while {banner.incidents.length === 1 ? "a crisis is" : `${banner.incidents.length} crises are`} handled
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
