import { Link } from "@remix-run/react";
import { formatDateTime } from "../../machines/kit/dates";

export interface PauseFacts {
  pausedAt: string;
  pausedByName: string | null;
  incidentReference: string | null;
}

/** "Paused since Mon 23 Nov 2026, 14:05 by Ellie Marsh for HF-2026-0001". */
export function PauseSummary({ pause }: { pause: PauseFacts }) {
  return (
    <>
      Paused since {formatDateTime(pause.pausedAt)}
      {pause.pausedByName ? ` by ${pause.pausedByName}` : null}
      {pause.incidentReference ? (
        <>
          {" for "}
          <Link to={`/incidents/${pause.incidentReference}`} className="link">
            {pause.incidentReference}
          </Link>
        </>
      ) : null}
    </>
  );
}
