import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";

/**
 * A click handler for something holding many plain links (the rows of the incident list, the
 * main navigation): it follows a clicked link inside the app, as Remix's <Link> does, without a
 * <Link> for each. A <Link> resolves its path against the route matches while the page renders
 * on the server: about 14 microseconds each, a tenth of the incident list's time with 25 rows
 * (docs/decisions/0015). Without JavaScript, with a modifier key or the middle button (a new tab),
 * for a download or another site, the link is an ordinary link.
 */
export function useInAppLinkClicks() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (!link || !event.currentTarget.contains(link) || link.target || link.hasAttribute("download")) return;
    if (link.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(`${link.pathname}${link.search}${link.hash}`);
  };
}
