import type { DefaultValue, FieldMetadata, FormMetadata, SubmissionResult } from "@conform-to/react";
import { getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { useNavigation } from "@remix-run/react";
import { useEffect, useId, useRef, type ReactNode } from "react";
import type { z, ZodTypeAny } from "zod";

/**
 * Form pieces following the GOV.UK Design System patterns people in public bodies know: an
 * error summary at the top that links to each field, and the message again by the field.
 */

export type AnyFields = Record<string, FieldMetadata<any, any, string[]>>;

export function ErrorSummary({ form, fields }: { form: FormMetadata<any, string[]>; fields: AnyFields }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const entries = Object.entries(form.allErrors).flatMap(([name, messages]) =>
    [...new Set(messages)].map((message) => ({ id: name ? fields[name]?.id : undefined, message })),
  );
  const hasErrors = entries.length > 0;
  useEffect(() => {
    if (hasErrors) ref.current?.focus();
  }, [hasErrors, form.status]);
  if (!hasErrors) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={titleId}
      // Without JavaScript the browser still moves focus here when the page loads.
      autoFocus
      className="mb-6 border-4 border-danger p-4"
    >
      <h2 id={titleId} className="text-xl font-bold">
        There is a problem
      </h2>
      <ul className="mt-2 list-none space-y-1">
        {entries.map((entry, index) => (
          <li key={index}>
            {entry.id ? (
              <a href={`#${entry.id}`} className="font-semibold text-danger underline">
                {entry.message}
              </a>
            ) : (
              <span className="font-semibold text-danger">{entry.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldShellProps {
  field: FieldMetadata<any, any, string[]>;
  label: string;
  hint?: string;
  children: ReactNode;
}

/** A field's hint and its error message, with the ids its input points at. */
function HintAndError({ field, hint }: { field: FieldMetadata<any, any, string[]>; hint?: string }) {
  return (
    <>
      {hint ? (
        <span id={field.descriptionId} className="hint">
          {hint}
        </span>
      ) : null}
      {field.errors?.length ? (
        <span id={field.errorId} className="field-error">
          <span className="sr-only">Error: </span>
          {[...new Set(field.errors)].join(". ")}
        </span>
      ) : null}
    </>
  );
}

function FieldShell({ field, label, hint, children }: FieldShellProps) {
  return (
    <div className="mb-6">
      <label htmlFor={field.id} className="label">
        {label}
      </label>
      <HintAndError field={field} hint={hint} />
      <div className="mt-1">{children}</div>
    </div>
  );
}

function describedBy(field: FieldMetadata<any, any, string[]>, hint?: string) {
  const ids = [hint ? field.descriptionId : null, field.errors?.length ? field.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

export function TextField(props: {
  field: FieldMetadata<any, any, string[]>;
  label: string;
  hint?: string;
  type?: "text" | "email" | "password" | "url" | "datetime-local" | "date" | "number";
  autoComplete?: string;
  className?: string;
}) {
  const { field, label, hint, type = "text" } = props;
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <input
        {...getInputProps(field, { type, ariaDescribedBy: describedBy(field, hint) })}
        key={field.key}
        autoComplete={props.autoComplete}
        className={`input ${field.errors?.length ? "input-error" : ""} ${props.className ?? ""}`}
      />
    </FieldShell>
  );
}

export function TextAreaField(props: { field: FieldMetadata<any, any, string[]>; label: string; hint?: string; rows?: number }) {
  const { field, label, hint } = props;
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <textarea
        {...getTextareaProps(field, { ariaDescribedBy: describedBy(field, hint) })}
        key={field.key}
        rows={props.rows ?? 5}
        className={`input ${field.errors?.length ? "input-error" : ""}`}
      />
    </FieldShell>
  );
}

export function SelectField(props: {
  field: FieldMetadata<any, any, string[]>;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  const { field, label, hint } = props;
  return (
    <FieldShell field={field} label={label} hint={hint}>
      <select
        {...getSelectProps(field, { ariaDescribedBy: describedBy(field, hint) })}
        key={field.key}
        className={`input ${field.errors?.length ? "input-error" : ""}`}
      >
        <SelectOptions options={props.options} placeholder={props.placeholder} />
      </select>
    </FieldShell>
  );
}

/** A select's options, after an empty first one when a choice is not made for the person. */
export function SelectOptions(props: { options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <>
      {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
      {props.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </>
  );
}

/** A single checkbox, its label beside it, as GOV.UK shows a yes-or-no question. */
export function CheckboxField(props: { field: FieldMetadata<any, any, string[]>; label: string; hint?: string }) {
  const { field, label, hint } = props;
  return (
    <div className="mb-6 flex items-start gap-3">
      <input
        {...getInputProps(field, { type: "checkbox", ariaDescribedBy: describedBy(field, hint) })}
        key={field.key}
        className="mt-0.5 h-6 w-6 shrink-0 accent-brand"
      />
      <div>
        <label htmlFor={field.id} className="label">
          {label}
        </label>
        <HintAndError field={field} hint={hint} />
      </div>
    </div>
  );
}

/**
 * A submit button that says what is happening while its form is on its way. On a page with
 * several forms, `intent` (the value of the form's hidden "intent" field) keeps the others still.
 * In a form with several buttons, `value` makes the button itself send intent=value instead.
 */
export function SubmitButton(props: { children: ReactNode; pendingText: string; intent?: string; value?: string; className?: string }) {
  const navigation = useNavigation();
  const intent = props.intent ?? props.value;
  const pending =
    navigation.state === "submitting" && (intent === undefined || navigation.formData?.get("intent") === intent);
  return (
    <button
      type="submit"
      name={props.value === undefined ? undefined : "intent"}
      value={props.value}
      className={props.className ?? "button"}
      aria-disabled={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {pending ? props.pendingText : props.children}
    </button>
  );
}

/**
 * A conform form checked with the same zod schema in the browser and on the server. Errors
 * first show on submit (GOV.UK practice: no messages while someone is still typing, and no
 * layout shift under a pointer on its way to the button), then clear as each field is fixed.
 */
export function useValidatedForm<Schema extends ZodTypeAny>(
  schema: Schema,
  lastResult: SubmissionResult<string[]> | null | undefined,
  defaultValue?: DefaultValue<z.input<Schema>>,
) {
  return useForm<z.input<Schema>, z.output<Schema>, string[]>({
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
}

type ChoiceOption = { value: string; label: string; hint?: string };

/** The options of a choice from a label map such as { threat: "Threat of violence" }. */
export function labelOptions(labels: Record<string, string>): ChoiceOption[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

/**
 * Radio buttons or checkboxes in a fieldset whose legend is the question (GOV.UK pattern).
 * The error summary links to the first option, which carries the field's id. `pageHeading` makes
 * the question the page's heading, for a page that asks one thing; `large` gives each option a
 * touch target a thumb can hit.
 */
export function ChoiceField(props: {
  field: FieldMetadata<any, any, string[]>;
  legend: string;
  hint?: string;
  type: "radio" | "checkbox";
  options: ChoiceOption[];
  inline?: boolean;
  pageHeading?: boolean;
  large?: boolean;
}) {
  const { field, legend, hint, type, options, large } = props;
  const initial = field.initialValue;
  const isChosen = (value: string) => (Array.isArray(initial) ? initial.includes(value) : initial === value);
  return (
    <fieldset className="mb-6" aria-describedby={describedBy(field, hint)}>
      <legend className={props.pageHeading ? "mb-2" : "label"}>
        {props.pageHeading ? <h1 className="text-3xl font-bold">{legend}</h1> : legend}
      </legend>
      <HintAndError field={field} hint={hint} />
      <div className={`mt-2 ${props.inline ? "flex flex-wrap gap-x-6 gap-y-2" : "space-y-2"}`}>
        {options.map((option, index) => {
          const id = index === 0 ? field.id : `${field.id}-${option.value}`;
          return (
            <div key={option.value} className={`flex gap-3 ${large ? "min-h-11 items-center" : "items-start"}`}>
              <input
                type={type}
                id={id}
                name={field.name}
                value={option.value}
                defaultChecked={isChosen(option.value)}
                key={`${field.key ?? ""}-${option.value}`}
                className={`shrink-0 accent-brand ${large ? "h-8 w-8" : "mt-1 h-5 w-5"}`}
                aria-describedby={option.hint ? `${id}-hint` : undefined}
              />
              <label htmlFor={id} className={large ? "flex-1 py-2 text-lg" : undefined}>
                {option.label}
                {option.hint ? (
                  <span id={`${id}-hint`} className="hint text-sm">
                    {option.hint}
                  </span>
                ) : null}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
