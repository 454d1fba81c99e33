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
  /** Four times the longest text any form accepts (5,000 characters), so an over-long answer still gets the form's own message. */
  maxFieldCharacters: 20_000,
  /** The whole urlencoded body. */
  maxFormBytes: 512 * 1024,
} as const;

/** Which kind of limit a form broke: its size, or the shape of a name. */
export type BrokenFormLimit = "too-large" | "malformed";

/**
 * The names our forms use: a word, then list items (`tasks[3]`, `kinds[]`) and fields (`.owner`),
 * as conform writes them. A list index has at most two digits: conform would allocate the whole
 * list for `kinds[100000]`. It also reads a field made of digits (`kinds.100000`) as an index, so
 * a field must start with a letter or underscore.
 */
const FIELD_NAME = /^[A-Za-z_][\w-]*(?:\[\d{0,2}\]|\.[A-Za-z_][\w-]*)*$/;

/**
 * Names conform keeps for itself: `__intent__` can ask it to insert into a list at any index, and
 * `__state__` is parsed as JSON. No form of ours sends them; the prototype's names it refuses.
 */
const RESERVED_NAME_PARTS = /(?:^|[.[])(?:__intent__|__state__|__proto__|constructor|prototype)(?:$|[.[\]])/;

/** The first limit a form's fields break, or null when they keep to every one. */
export function formLimitBroken(entries: Iterable<[string, FormDataEntryValue]>): BrokenFormLimit | null {
  let count = 0;
  for (const [name, value] of entries) {
    count += 1;
    if (count > FORM_LIMITS.maxFields) return "too-large";
    if (name.length > FORM_LIMITS.maxFieldNameLength || !FIELD_NAME.test(name) || RESERVED_NAME_PARTS.test(name)) {
      return "malformed";
    }
    if (typeof value === "string" && value.length > FORM_LIMITS.maxFieldCharacters) return "too-large";
  }
  return null;
}

