import { Link } from "@remix-run/react";
import { formatDateTime } from "../../machines/kit/dates";

export interface IncidentListItem {
  reference: string;
  title: string;
  createdAt: string;
  /** Where it stands, in plain words; a line that is late says so in its words. */
  status: { text: string; overdue: boolean }[];
}

/** Incidents with where each stands: the work awaited and from whom, late work first, or how it was closed. */
export function IncidentList({ items, empty }: { items: IncidentListItem[]; empty: string }) {
  if (items.length === 0) return <p className="text-muted">{empty}</p>;
  return (
    <ul className="divide-y divide-gray-300 border-y border-gray-300">
      {items.map((item) => (
        <li key={item.reference} className="py-3">
          <Link to={`/incidents/${item.reference}`} className="link font-semibold">
            {item.reference}: {item.title}
          </Link>
          <ul className="mt-1 space-y-1">
            {item.status.map((line) => (
              <li key={line.text} className={line.overdue ? "font-bold text-red-800" : undefined}>
                {line.text}
              </li>
            ))}
          </ul>
          <p className="text-sm text-muted">Reported {formatDateTime(item.createdAt)}</p>
        </li>
      ))}
    </ul>
  );
}
