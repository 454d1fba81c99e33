import type { SubmissionResult } from "@conform-to/react";
import { getFormProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import {
  CheckboxField,
  ErrorSummary,
  SelectField,
  SubmitButton,
  TextAreaField,
  TextField,
  useValidatedForm,
} from "~/components/forms";
import { PLATFORMS, channelSchema } from "~/schemas/channel";

/** Adding and editing a channel share one form. */
export function ChannelForm(props: {
  mode: "new" | "edit";
  lastResult: SubmissionResult<string[]> | null | undefined;
  /** The platform is a plain string: a channel saved before the list changed still loads. */
  defaultValue: Partial<Omit<z.input<typeof channelSchema>, "platform">> & { platform?: string };
}) {
  const [form, fields] = useValidatedForm(channelSchema, props.lastResult, props.defaultValue);
  const editing = props.mode === "edit";
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <SelectField
          field={fields.platform}
          label="Platform"
          placeholder="Choose a platform"
          options={PLATFORMS.map((platform) => ({ value: platform, label: platform }))}
        />
        <TextField
          field={fields.handle}
          label="Handle or page name"
          hint="As it appears on the platform, for example @EastbridgeCouncil or Eastbridge Borough Council"
          autoComplete="off"
        />
        <TextField field={fields.link} label="Link to the account" hint="Starting with https://" type="url" autoComplete="off" />
        <TextField
          field={fields.owningService}
          label="Owning service"
          hint="The service responsible for the account, for example Adults and Communities"
          autoComplete="off"
        />
        <TextAreaField
          field={fields.admins}
          label="People with admin access"
          hint="One name per line. Include everyone who can sign in to the account, inside or outside the council."
          rows={4}
        />
        <TextField
          field={fields.passwordChangedOn}
          label="Date the password was last changed (optional)"
          hint="Change it whenever someone with access leaves or changes role"
          type="date"
          className="max-w-xs"
        />
        <CheckboxField
          field={fields.active}
          label="Active"
          hint="Posts are published only on active channels, and only active channels are paused in a crisis."
        />
        <SubmitButton pendingText={editing ? "Saving…" : "Adding…"}>{editing ? "Save changes" : "Add channel"}</SubmitButton>
      </Form>
    </>
  );
}
