import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";

/**
 * A click handler for something holding many plain links (the rows of the incident list, the
 * main navigation): it follows a clicked link inside the app, as Remix's <Link> does, without a
 * <Link> for each. A <Link> resolves its path against the route matches while the page renders
 * on the server: about 14 microseconds each, a tenth of the incident list's time with 25 rows
 * (docs/decisions/0015). Without JavaScript, with a modifier key or the middle button (a new tab),
 * with a `download` attribute, a `target` or to another site, the link is an ordinary link: a
 * link to a resource route (a file, the CSV) must have `download`, or be kept out of the container.
 */
export function useInAppLinkClicks() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (!link || !event.currentTarget.contains(link) || link.target || link.hasAttribute("download")) return;
    if (link.origin !== window.location.origin) return;
    event.preventDefault();
    const target = `${link.pathname}${link.search}${link.hash}`;
    // As Remix's <Link>: following a link to the page already shown replaces its history entry.
    navigate(target, { replace: target === `${window.location.pathname}${window.location.search}${window.location.hash}` });
  };
}
