import { z } from "zod";
import { PLATFORMS } from "../../schemas/channel";
import { optionalWebAddress, organisationMoment, requiredText, submissionKeyField } from "../../schemas/fields";

/** The report form, checked the same way in the browser and on the server. */
export const mistakenPostReportSchema = z.object({
  platform: z.enum(PLATFORMS, {
    required_error: "Choose the platform the post was made on",
    invalid_type_error: "Choose the platform the post was made on",
  }),
  account: requiredText("Enter the account that posted it", 200),
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
});
