/** The numeric id in a route parameter, or null when the address holds anything else. */
export function idParam(value: string | undefined): number | null {
  return value && /^\d{1,15}$/.test(value) ? Number(value) : null;
}

/** Which page of a paged list to show, and what was asked for when that page does not exist. */
export interface PageChoice {
  page: number;
  /** The page asked for in the address when there is no such page (shown back to the person), else null. */
  notFound: string | null;
}

/**
 * Reads a page number from the query string against the number of pages there are. Nothing asked
 * for gives `defaultPage`; a page past the end gives the last, one before the start the first, and
 * anything that is not a whole number `defaultPage`, each with `notFound` set so the page can say
 * so rather than fail or quietly show something else.
 */
export function choosePage(requested: string | null, pageCount: number, defaultPage: number): PageChoice {
  const last = Math.max(1, pageCount);
  const fallback = Math.min(Math.max(1, defaultPage), last);
  if (requested === null || requested === "") return { page: fallback, notFound: null };
  const asked = requested.trim();
  // The asked-for text is echoed back on the page, so it is cut short.
  const notFound = asked.length > 20 ? `${asked.slice(0, 20)}…` : asked;
  if (!/^\d{1,9}$/.test(asked)) return { page: fallback, notFound };
  const page = Number(asked);
  if (page < 1) return { page: 1, notFound };
  if (page > last) return { page: last, notFound };
  return { page, notFound: null };
}
