import { Link } from "@remix-run/react";
import { formatDateTime } from "../../machines/kit/dates";

export interface IncidentListItem {
  reference: string;
  title: string;
  stepTitle: string;
  createdAt: string;
}

export function IncidentList({ items, empty }: { items: IncidentListItem[]; empty: string }) {
  if (items.length === 0) return <p className="text-muted">{empty}</p>;
  return (
    <ul className="divide-y divide-gray-300 border-y border-gray-300">
      {items.map((item) => (
        <li key={item.reference} className="py-3">
          <Link to={`/incidents/${item.reference}`} className="link font-semibold">
            {item.reference}: {item.title}
          </Link>
          <p className="text-sm text-muted">
            {item.stepTitle} · reported {formatDateTime(item.createdAt)}
          </p>
        </li>
      ))}
    </ul>
  );
}
