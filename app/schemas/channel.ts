import { z } from "zod";
import { POST_BODY_MAX_LENGTH } from "../../db/channel-limits";
import { requiredText } from "./fields";
import { organisationDate, organisationLocalToUtc } from "../../machines/kit/dates";
import { isCalendarDate } from "./person";

/** The platforms of the organisation's accounts: the channel register and the report of a post made by mistake offer the same list. */
export const PLATFORMS = ["X (Twitter)", "Facebook", "Instagram", "LinkedIn", "TikTok", "YouTube", "Nextdoor", "Other"] as const;



function isHttpsAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname.includes(".");
  } catch {
    return false;
  }
}

const adminsMessage = "Enter the name of at least one person with admin access to the account, one name per line";

export const channelSchema = z.object({
  platform: z.enum(PLATFORMS, {
    required_error: "Choose the platform",
    invalid_type_error: "Choose the platform from the list",
  }),
  handle: requiredText("Enter the account's handle or name", 100, "The handle"),
  link: z
    .string({ required_error: "Enter the link to the account" })
    .trim()
    .max(2000, "The link must be 2,000 characters or fewer")
    .refine(isHttpsAddress, "Enter the link as a full web address, starting with https://"),
  owningService: requiredText("Enter the service that owns the account", 200, "The owning service"),
  admins: z
    .string({ required_error: adminsMessage })
    .max(2000, "Keep the list of admins to 2,000 characters or fewer")
    .transform((value) => value.split(/\r?\n/).map((name) => name.trim()).filter(Boolean))
    .refine((names) => names.length > 0, adminsMessage)
    .refine((names) => names.every((name) => name.length <= 100), "Each name must be 100 characters or fewer"),
  passwordChangedOn: z
    .string()
    .trim()
    .refine(isCalendarDate, "The date the password was last changed must be a real date, like 23/11/2026")
    .refine(
      (value) => value <= organisationDate(new Date()),
      "The date the password was last changed must be today or in the past",
    )
    .optional(),
  // An unticked checkbox sends nothing at all.
  active: z.boolean().default(false),
});

export type ChannelValues = z.infer<typeof channelSchema>;

/** A time typed into a datetime-local field, in UK time, that has not passed yet. */
const futureTime = z
  .string({ required_error: "Enter the date and time the post should go out" })
  .transform((value, context) => {
    const moment = organisationLocalToUtc(value);
    if (!moment) {
      context.addIssue({ code: "custom", message: "Enter a real date and time, like 23/11/2026 14:05" });
      return z.NEVER;
    }
    if (moment.getTime() <= Date.now()) {
      context.addIssue({ code: "custom", message: "The time the post goes out must be in the future" });
      return z.NEVER;
    }
    return moment;
  });

export const scheduledPostSchema = z.object({
  body: z
    .string({ required_error: "Enter the text of the post" })
    .trim()
    .min(1, "Enter the text of the post")
    .max(POST_BODY_MAX_LENGTH, "The post must be 5,000 characters or fewer"),
  scheduledFor: futureTime,
});

export type ScheduledPostValues = z.infer<typeof scheduledPostSchema>;

/** The cancel confirmation has nothing to fill in; the schema lets the page show a refusal. */
export const cancelPostSchema = z.object({
  confirm: z.literal("yes"),
});
