import { Link } from "@remix-run/react";

/**
 * On every page: how much work waits for the person, linking to where the home page lists it.
 * Seen and read aloud alike ("Your work (3, 1 overdue)"): lateness is in words, not only colour,
 * and the spoken name is the one on the screen, for those who speak to their browser.
 */
export function YourWorkLink({ work }: { work: { waiting: number; overdue: number } }) {
  return (
    <Link to="/#your-work" className="rounded px-2 py-1 text-white no-underline underline-offset-4 hover:underline">
      Your work ({work.waiting}
      {work.overdue > 0 ? <strong>, {work.overdue} overdue</strong> : null})
    </Link>
  );
}
