import { z } from "zod";
import { PLATFORMS } from "../../schemas/channel";
import { optionalText, optionalWebAddress, organisationMoment, requiredText, submissionKeyField } from "../../schemas/fields";

/** The choice for an account not in the channel register. */
export const ANOTHER_ACCOUNT = "other";

/** Which account posted it: a channel of the register, or another one with its platform and name. */
const accountSchema = z
  .object({
    channel: z.string({ required_error: "Choose the account that posted it" }).regex(/^(\d+|other)$/, "Choose the account that posted it"),
    platform: z.enum(PLATFORMS, { invalid_type_error: "Choose the platform the post was made on" }).optional(),
    account: optionalText(200, "The account name"),
  })
  .superRefine((value, context) => {
    if (value.channel !== ANOTHER_ACCOUNT) return;
    if (!value.platform) context.addIssue({ code: "custom", path: ["platform"], message: "Choose the platform of the other account" });
    if (!value.account) context.addIssue({ code: "custom", path: ["account"], message: "Enter the name or handle of the other account" });
  });

/**
 * The report form, checked the same way in the browser and on the server. The account is chosen
 * from the channel register (`channel`: its id); for another account, its platform and name are
 * written in the fields that follow. The account is checked apart from the rest, so its errors
 * show with theirs rather than after they are put right.
 */
export const mistakenPostReportSchema = z
  .object({
    link: optionalWebAddress(),
    postedAt: organisationMoment({
      required: "Enter when the post was made",
      when: "past",
      wrongSide: "The time it was posted must be in the past",
    }),
    whatHappened: requiredText("Tell us what was posted and what went wrong").pipe(
      z.string().min(10, "Tell us a little more about what was posted (at least 10 characters)"),
    ),
    submissionKey: submissionKeyField,
  })
  .and(accountSchema);
