import { Form } from "@remix-run/react";
import { SubmitButton } from "./forms";

/** The form that adds screenshots to an incident's record, on every path's incident page. */
export function ScreenshotUpload({ version, refusals }: { version: number; refusals: { name: string; message: string }[] }) {
  return (
    <Form method="post" encType="multipart/form-data" className="mt-3">
      {refusals.length ? (
        <div role="alert" className="mb-4 border-4 border-danger p-4">
          <h3 className="font-bold">Some files were not added</h3>
          <ul className="ml-5 list-disc">
            {refusals.map((refusal) => (
              <li key={refusal.name + refusal.message}>
                <a href="#evidence-file" className="font-semibold text-danger underline">
                  {refusal.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="intent" value="ATTACH_SCREENSHOT" />
      <input type="hidden" name="version" value={version} />
      <label htmlFor="evidence-file" className="label">
        Add screenshots
      </label>
      <span id="evidence-hint" className="hint">
        PNG, JPEG, WebP, GIF or PDF, up to 20 MB each. Show the date and time, the account name and the link if you can.
      </span>
      <input id="evidence-file" name="evidence" type="file" multiple accept="image/png,image/jpeg,image/webp,image/gif,application/pdf" aria-describedby="evidence-hint" className="mt-2 block w-full" />
      <div className="mt-3">
        <SubmitButton intent="ATTACH_SCREENSHOT" pendingText="Uploading…" className="button-secondary">
          Upload
        </SubmitButton>
      </div>
    </Form>
  );
}
