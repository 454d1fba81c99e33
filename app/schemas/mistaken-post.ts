import { z } from "zod";
import { organisationLocalToUtc } from "~/utils/dates";

export const PLATFORMS = ["X (Twitter)", "Facebook", "Instagram", "LinkedIn", "TikTok", "YouTube", "Nextdoor", "Other"] as const;

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

/** A few minutes of slack for a clock that runs a little fast. */
const FUTURE_GRACE_MS = 5 * 60_000;

/** The report form, checked the same way in the browser and on the server. */
export const mistakenPostReportSchema = z.object({
  platform: z.enum(PLATFORMS, {
    required_error: "Choose the platform the post was made on",
    invalid_type_error: "Choose the platform the post was made on",
  }),
  account: z
    .string({ required_error: "Enter the account that posted it" })
    .trim()
    .min(1, "Enter the account that posted it")
    .max(200, "The account name must be 200 characters or fewer"),
  link: z
    .string()
    .trim()
    .max(2000, "The link must be 2,000 characters or fewer")
    .refine(isWebAddress, "Enter the link as a full web address, starting with https://")
    .optional(),
  postedAt: z
    .string({ required_error: "Enter when the post was made" })
    .transform((value, context) => {
      const moment = organisationLocalToUtc(value);
      if (!moment) {
        context.addIssue({ code: "custom", message: "Enter a real date and time, like 23/11/2026 14:05" });
        return z.NEVER;
      }
      if (moment.getTime() > Date.now() + FUTURE_GRACE_MS) {
        context.addIssue({ code: "custom", message: "The time it was posted must be in the past" });
        return z.NEVER;
      }
      return moment;
    }),
  whatHappened: z
    .string({ required_error: "Tell us what was posted and what went wrong" })
    .trim()
    .min(10, "Tell us a little more about what was posted (at least 10 characters)")
    .max(5000, "Keep this to 5,000 characters or fewer"),
});
