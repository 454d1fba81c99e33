import { Form } from "@remix-run/react";
import { SubmitButton } from "./forms";
import type { StepActionData } from "./step-form";

type Refusal = { name: string; message: string };

/** Why the last upload was refused, when the last thing sent was an upload. */
export function screenshotRefusals(actionData: (StepActionData & { refusals?: Refusal[] }) | undefined): Refusal[] {
  return actionData?.intent === "ATTACH_SCREENSHOT" ? (actionData.refusals ?? []) : [];
}

/**
 * The form that adds screenshots to an incident's record, on every path's incident page. A refused
 * file is told the GOV.UK way: an error summary at the top of the form linking to the field, and
 * the same message by the field.
 */
export function ScreenshotUpload({ version, refusals, label = "Add screenshots" }: { version: number; refusals: Refusal[]; label?: string }) {
  const messages = [...new Set(refusals.map((refusal) => refusal.message))];
  return (
    <Form method="post" encType="multipart/form-data" className="mt-3">
      {messages.length ? (
        // Without JavaScript the browser still moves focus here when the page loads.
        <div role="alert" tabIndex={-1} autoFocus aria-labelledby="evidence-problem-title" className="mb-4 border-4 border-danger p-4">
          <h3 id="evidence-problem-title" className="text-xl font-bold">
            There is a problem
          </h3>
          <ul className="mt-2 list-none space-y-1">
            {messages.map((message) => (
              <li key={message}>
                <a href="#evidence-file" className="font-semibold text-danger underline">
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="intent" value="ATTACH_SCREENSHOT" />
      <input type="hidden" name="version" value={version} />
      <label htmlFor="evidence-file" className="label">
        {label}
      </label>
      <span id="evidence-hint" className="hint">
        PNG, JPEG, WebP, GIF or PDF, up to 20 MB each. Show the date and time, the account name and the link if you can.
      </span>
      {messages.length ? (
        <span id="evidence-file-error" className="field-error">
          <span className="sr-only">Error: </span>
          {messages.join(". ")}
        </span>
      ) : null}
      <input
        id="evidence-file"
        name="evidence"
        type="file"
        multiple
        accept="image/png,image/jpeg,image/webp,image/gif,application/pdf"
        aria-describedby={messages.length ? "evidence-hint evidence-file-error" : "evidence-hint"}
        className="mt-2 block w-full"
      />
      <div className="mt-3">
        <SubmitButton intent="ATTACH_SCREENSHOT" pendingText="Uploading…" className="button-secondary">
          Upload
        </SubmitButton>
      </div>
    </Form>
  );
}
