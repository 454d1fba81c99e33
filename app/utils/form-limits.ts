/**
 * Limits for any form or query string, checked before a field is parsed into lists and objects
 * (conform would allocate a whole list for a name like `kinds[100000]`) or echoed back into a page.
 * Every form in the app fits well inside them. Shared by the request guard (urlencoded bodies and
 * query strings) and the evidence upload (the text fields of a multipart form).
 */
export const FORM_LIMITS = {
  /** The crisis plan, with every channel ticked and a dozen tasks, has under a hundred. */
  maxFields: 300,
  maxFieldNameLength: 100,
  /** Conform names list items `tasks[3].owner`; a name like `kinds[100000]` would make it allocate the whole list. */
  maxListIndex: 99,
  /** Four times the longest text any form accepts (5,000 characters), so an over-long answer still gets the form's own message. */
  maxFieldCharacters: 20_000,
  /** The whole urlencoded body. */
  maxFormBytes: 512 * 1024,
} as const;

/** Which kind of limit a form broke: its size, or the shape of a name. */
export type BrokenFormLimit = "too-large" | "malformed";

/** The first limit a form's fields break, or null when they keep to every one. */
export function formLimitBroken(entries: Iterable<[string, FormDataEntryValue]>): BrokenFormLimit | null {
  let count = 0;
  for (const [name, value] of entries) {
    count += 1;
    if (count > FORM_LIMITS.maxFields) return "too-large";
    if (name.length > FORM_LIMITS.maxFieldNameLength || hasListIndexOverLimit(name)) return "malformed";
    if (typeof value === "string" && value.length > FORM_LIMITS.maxFieldCharacters) return "too-large";
  }
  return null;
}

function hasListIndexOverLimit(name: string): boolean {
  for (const [, digits] of name.matchAll(/\[(\d+)\]/g)) {
    if (digits.length > 3 || Number(digits) > FORM_LIMITS.maxListIndex) return true;
  }
  return false;
}

