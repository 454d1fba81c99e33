import type { Submission } from "@conform-to/react";

/**
 * A model's refusal as the form's reply: beside the field it concerns, or at the top of the
 * form when it concerns the whole form.
 */
export function replyWithRefusal(
  submission: Pick<Submission<unknown>, "reply">,
  refusal: { field: string | null; message: string },
  options: { hideFields?: string[] } = {},
) {
  return submission.reply({
    ...(refusal.field ? { fieldErrors: { [refusal.field]: [refusal.message] } } : { formErrors: [refusal.message] }),
    hideFields: options.hideFields,
  });
}
