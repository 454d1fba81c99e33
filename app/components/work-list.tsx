import { Link } from "@remix-run/react";
import { formatDateTime } from "../../machines/kit/dates";

export interface WorkListItem {
  reference: string;
  title: string;
  description: string;
  dueAt: string | null;
  overdue: boolean;
}

/** The work awaited from someone: what to do, on which incident, and when it is due; overdue in words, not only in colour. */
export function WorkList({ items, empty }: { items: WorkListItem[]; empty: string }) {
  if (items.length === 0) return <p className="text-muted">{empty}</p>;
  return (
    <ul className="divide-y divide-gray-300 border-y border-gray-300">
      {items.map((item) => (
        <li key={`${item.reference}-${item.description}`} className="py-3">
          <Link to={`/incidents/${item.reference}`} className="link font-semibold">
            {item.reference}: {item.title}
          </Link>
          <p>{item.description}</p>
          {item.dueAt ? (
            <p className={`text-sm ${item.overdue ? "font-bold text-red-800" : "text-muted"}`}>
              {item.overdue ? "Overdue: was due" : "Due"} {formatDateTime(item.dueAt)}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
