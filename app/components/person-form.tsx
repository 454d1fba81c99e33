import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { getCollectionProps, getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { z } from "zod";
import { ErrorSummary, SelectField, SubmitButton, TextField, useValidatedForm } from "~/components/forms";
import {
  INTENTS,
  PASSWORD_MIN_LENGTH,
  ROLE_LABELS,
  ROLE_OPTIONS,
  SENIORITY_HINT,
  editPersonSchema,
  newPersonSchema,
} from "~/schemas/person";

type Field = FieldMetadata<any, any, string[]>;

const checkboxClass = "mt-0.5 h-6 w-6 shrink-0 accent-brand";

function ErrorMessage({ field }: { field: Field }) {
  if (!field.errors?.length) return null;
  return (
    <span id={field.errorId} className="field-error">
      <span className="sr-only">Error: </span>
      {field.errors.join(". ")}
    </span>
  );
}

function describedBy(field: Field) {
  return [field.descriptionId, field.errors?.length ? field.errorId : null].filter(Boolean).join(" ");
}

function RoleCheckboxes({ field }: { field: Field }) {
  return (
    <fieldset className="mb-6" aria-describedby={describedBy(field)}>
      <legend className="label">Roles</legend>
      <span id={field.descriptionId} className="hint">
        Choose all that apply.
      </span>
      <ErrorMessage field={field} />
      <div className="mt-2 space-y-2">
        {getCollectionProps(field, { type: "checkbox", options: ROLE_OPTIONS, ariaAttributes: false }).map(
          ({ key, ...props }, index) => {
            // The error summary links to the field's id, so the first box carries it.
            const id = index === 0 ? field.id : props.id;
            return (
              <div key={key} className="flex items-start gap-3">
                <input {...props} id={id} className={checkboxClass} />
                <label htmlFor={id}>{ROLE_LABELS[props.value as keyof typeof ROLE_LABELS]}</label>
              </div>
            );
          },
        )}
      </div>
    </fieldset>
  );
}

function ActiveCheckbox({ field }: { field: Field }) {
  const { key, ...props } = getInputProps(field, { type: "checkbox", ariaDescribedBy: field.descriptionId });
  return (
    <div className="mb-6 flex items-start gap-3">
      <input {...props} key={key} className={checkboxClass} />
      <div>
        <label htmlFor={field.id} className="label">
          Active
        </label>
        <span id={field.descriptionId} className="hint">
          People who are not active cannot sign in and are not asked to acknowledge reports.
        </span>
        <ErrorMessage field={field} />
      </div>
    </div>
  );
}

type PersonFormValues = z.input<typeof editPersonSchema>;

export interface LineManagerOption {
  id: number;
  name: string;
  jobTitle: string;
}

/**
 * Adding and editing a person share one form. Editing also offers "Active", and the password
 * may be left blank there to keep the current one.
 */
export function PersonForm(props: {
  mode: "new" | "edit";
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Partial<Omit<PersonFormValues, "lineManagerId">> & { lineManagerId?: number | null };
  lineManagers: LineManagerOption[];
}) {
  const editing = props.mode === "edit";
  const schema = editing ? editPersonSchema : newPersonSchema;
  const [form, fields] = useValidatedForm(schema, props.lastResult, props.defaultValue && { ...props.defaultValue, lineManagerId: props.defaultValue.lineManagerId ?? undefined });
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value={INTENTS.savePerson} />
        <TextField field={fields.name} label="Full name" autoComplete="off" />
        <TextField
          field={fields.email}
          label="Work email address"
          hint="They sign in with this, and Holdfast emails them here"
          type="email"
          autoComplete="off"
        />
        <TextField field={fields.jobTitle} label="Job title" autoComplete="off" />
        <TextField field={fields.service} label="Service" hint="For example, Adults and Communities" autoComplete="off" />
        <TextField field={fields.seniority} label="Seniority" hint={SENIORITY_HINT} type="number" className="max-w-[8rem]" />
        <SelectField
          field={fields.lineManagerId}
          label="Line manager"
          hint="Reports from this person go to their line manager first"
          placeholder="No line manager"
          options={props.lineManagers.map((manager) => ({
            value: String(manager.id),
            label: `${manager.name}, ${manager.jobTitle}`,
          }))}
        />
        <RoleCheckboxes field={fields.roles} />
        {editing ? <ActiveCheckbox field={fields.active} /> : null}
        <TextField
          field={fields.password}
          label={editing ? "New password (optional)" : "Password"}
          hint={
            editing
              ? "Leave blank to keep the current password"
              : `At least ${PASSWORD_MIN_LENGTH} characters. Give it to them in person or by phone, not by email.`
          }
          type="password"
          autoComplete="new-password"
          className="max-w-md"
        />
        <SubmitButton intent={INTENTS.savePerson} pendingText={editing ? "Saving…" : "Adding…"}>{editing ? "Save changes" : "Add person"}</SubmitButton>
      </Form>
    </>
  );
}
