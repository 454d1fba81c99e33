import { useInAppLinkClicks } from "./in-app-links";
import { formatDateTime } from "../../machines/kit/dates";

export interface IncidentListItem {
  reference: string;
  title: string;
  stepTitle: string;
  createdAt: string;
}

export function IncidentList({ items, empty }: { items: IncidentListItem[]; empty: string }) {
  const followInApp = useInAppLinkClicks();
  if (items.length === 0) return <p className="text-muted">{empty}</p>;
  return (
    <ul className="divide-y divide-gray-300 border-y border-gray-300" onClick={followInApp}>
      {items.map((item) => (
        <li key={item.reference} className="py-3">
          <a href={`/incidents/${item.reference}`} className="link font-semibold">
            {item.reference}: {item.title}
          </a>
          <p className="text-sm text-muted">
            {item.stepTitle} · reported {formatDateTime(item.createdAt)}
          </p>
        </li>
      ))}
    </ul>
  );
}
