import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ZodTypeAny } from "zod";
import { ErrorSummary, SubmitButton, useValidatedForm } from "./forms";

export interface StepActionData {
  intent: string;
  result: SubmissionResult<string[]>;
  problem: { message: string; changes: { sequence: number; label: string; actorName: string | null; at: string }[] } | null;
}

type Fields = Record<string, FieldMetadata<any, any, string[]>>;

/**
 * One event's form on an incident page: it carries the event's intent and the incident version
 * the person is looking at, shows its own error summary, and only the result of its own
 * submission (a page can hold several of these).
 */
export function StepForm(props: {
  intent: string;
  schema: ZodTypeAny;
  version: number;
  actionData: StepActionData | undefined;
  /** The button's words; a part only a screen reader needs can be in an sr-only span. */
  submitLabel: ReactNode;
  pendingText: string;
  secondary?: boolean;
  /** What the fields start with before anything is sent, such as "now" for when something happened. */
  defaultValue?: Record<string, unknown>;
  encType?: "multipart/form-data";
  children?: (fields: Fields) => ReactNode;
}) {
  const lastResult = props.actionData?.intent === props.intent ? props.actionData.result : undefined;
  const [form, fields] = useValidatedForm(props.schema, lastResult, props.defaultValue);
  return (
    <Form method="post" {...getFormProps(form)} encType={props.encType} noValidate className="mt-3">
      <ErrorSummary form={form} fields={fields as Fields} />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="version" value={props.version} />
      {props.children?.(fields as Fields)}
      <SubmitButton intent={props.intent} pendingText={props.pendingText} className={props.secondary ? "button-secondary" : "button"}>
        {props.submitLabel}
      </SubmitButton>
    </Form>
  );
}
