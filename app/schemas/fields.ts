import { z } from "zod";
import { organisationLocalToUtc } from "../../machines/kit/dates";

/** A few minutes of slack for a clock that runs a little fast. */
const CLOCK_SLACK_MS = 5 * 60_000;

function tooLong(max: number, label?: string) {
  return `${label ?? "Keep this"}${label ? " must be" : " to"} ${max.toLocaleString("en-GB")} characters or fewer`;
}

/** Text a person must give: trimmed, not empty, not over a length (named by `label` if given). */
export function requiredText(message: string, max = 5000, label?: string) {
  return z.string({ required_error: message }).trim().min(1, message).max(max, tooLong(max, label));
}

export function optionalText(max = 5000, label?: string) {
  return z.string().trim().max(max, tooLong(max, label)).optional();
}

/** The keys of a label map, as z.enum wants them: the values a form may send for that choice. */
export const keysOf = <T extends Record<string, unknown>>(record: T) =>
  Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

/** A link someone may give: a full web address, so it can be opened from the record. */
export function optionalWebAddress() {
  return z
    .string()
    .trim()
    .max(2000, "The link must be 2,000 characters or fewer")
    .refine(isWebAddress, "Enter the link as a full web address, starting with https://")
    .optional();
}

/**
 * A datetime-local value read as UK time, returned as a Date. `when` says whether it must be in
 * the past (something that happened) or the future (something planned).
 */
export function organisationMoment(options: { required: string; when: "past" | "future"; wrongSide: string }) {
  return z.string({ required_error: options.required }).transform((value, context) => {
    const moment = organisationLocalToUtc(value);
    if (!moment) {
      context.addIssue({ code: "custom", message: "Enter a real date and time, like 23/11/2026 14:05" });
      return z.NEVER;
    }
    const wrongSide =
      options.when === "past" ? moment.getTime() > Date.now() + CLOCK_SLACK_MS : moment.getTime() < Date.now() - CLOCK_SLACK_MS;
    if (wrongSide) {
      context.addIssue({ code: "custom", message: options.wrongSide });
      return z.NEVER;
    }
    return moment;
  });
}

const STALE_FORM = "This form is out of date. Send it again: your answers are still here";

/**
 * The hidden key a report form is shown with: sending the same form twice (a retry after a lost
 * answer, a second press) opens one incident. Made by the page, so only a stale or forged form
 * lacks it.
 */
export const submissionKeyField = z.string({ required_error: STALE_FORM }).uuid(STALE_FORM);

/** The incident version the page was showing, so a change on a stale page is caught. */
export const versionField = z.coerce.number().int().positive();

/** A whole number chosen from a scale, as radio buttons send it. */
export function scalePoint(message: string, max = 5) {
  return z.coerce
    .number({ required_error: message, invalid_type_error: message })
    .int(message)
    .min(1, message)
    .max(max, message);
}
