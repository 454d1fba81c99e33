import { Link } from "@remix-run/react";

/**
 * On every page: how much work waits for the person, linking to where the home page lists it.
 * Read aloud as "Your work: 3 waiting, 1 overdue"; shown as "Your work (3)".
 */
export function YourWorkLink({ work }: { work: { waiting: number; overdue: number } }) {
  const spoken = work.waiting === 0 ? "nothing waiting" : `${work.waiting} waiting${work.overdue > 0 ? `, ${work.overdue} overdue` : ""}`;
  return (
    <Link to="/#your-work" className="rounded px-2 py-1 text-white no-underline underline-offset-4 hover:underline">
      <span aria-hidden="true">Your work ({work.waiting})</span>
      <span className="sr-only">Your work: {spoken}</span>
    </Link>
  );
}
