/** What the incident list page and its model share (the page runs in the browser too). */

export const PAGE_SIZE = 25;

export const SORTS = {
  newest: "Newest reported first",
  oldest: "Oldest reported first",
  updated: "Most recently updated first",
  reference: "Reference",
} as const;
export type SortKey = keyof typeof SORTS;
