import type { SubmissionResult } from "@conform-to/react";
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { ErrorSummary, SubmitButton, TextAreaField, TextField, useValidatedForm } from "~/components/forms";
import { scheduledPostSchema } from "~/schemas/channel";

/** Scheduling a post and changing one share one form: the text, and when it goes out. */
export function ScheduledPostForm(props: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: { body: string; scheduledFor: string };
  intent: string;
  submitText: string;
  pendingText: string;
}) {
  const [form, fields] = useValidatedForm(scheduledPostSchema, props.lastResult, props.defaultValue);
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value={props.intent} />
        <TextAreaField
          field={fields.body}
          label="Text of the post"
          hint="Up to 5,000 characters. Check the platform's own limit too."
          rows={5}
        />
        <TextField
          field={fields.scheduledFor}
          label="When should it go out?"
          hint="Date and time, UK time"
          type="datetime-local"
          className="max-w-xs"
        />
        <SubmitButton intent={props.intent} pendingText={props.pendingText}>
          {props.submitText}
        </SubmitButton>
      </Form>
    </>
  );
}
