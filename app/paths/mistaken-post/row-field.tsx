import type { FieldMetadata } from "@conform-to/react";
import { SelectOptions } from "../../components/forms";

/** The rows of a list field, each with its own fields, for errors and values to show again. */
export function rowsOf(field: FieldMetadata<any, any, string[]>) {
  return (field as unknown as FieldMetadata<Record<string, unknown>[], any, string[]>).getFieldList().map((row) => row.getFieldset());
}

/** One cell of a repeating row, named by index so blank rows can be dropped on the server. */
export function RowField(props: {
  label: string;
  name: string;
  error?: string[];
  defaultValue?: unknown;
  type?: string;
  options?: { value: string; label: string }[];
  /** The select's empty first option; none when a value is always chosen. */
  placeholder?: string;
}) {
  const id = props.name.replace(/[^a-zA-Z0-9]/g, "-");
  const value = typeof props.defaultValue === "string" ? props.defaultValue : undefined;
  const describedBy = props.error?.length ? `${id}-error` : undefined;
  return (
    <div className="mb-3">
      <label htmlFor={id} className="label text-sm">
        {props.label}
      </label>
      {props.error?.length ? (
        <span id={`${id}-error`} className="field-error text-sm">
          {props.error.join(". ")}
        </span>
      ) : null}
      {props.options ? (
        <select id={id} name={props.name} defaultValue={value ?? ""} className="input" aria-describedby={describedBy}>
          <SelectOptions options={props.options} placeholder={props.placeholder} />
        </select>
      ) : (
        <input id={id} name={props.name} type={props.type ?? "text"} defaultValue={value} className="input" aria-describedby={describedBy} />
      )}
    </div>
  );
}
