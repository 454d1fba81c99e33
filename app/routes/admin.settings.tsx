import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, SubmitButton, TextField, useValidatedForm } from "~/components/forms";
import { acknowledgementMinutes, setAcknowledgementMinutes } from "~/models/settings.server";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";

export const meta: MetaFunction = () => [{ title: "Settings · Holdfast" }];

const minutesMessage = "Enter the deadline as a whole number of minutes from 1 to 1,440 (24 hours)";

const settingsSchema = z.object({
  acknowledgementMinutes: z
    .number({ required_error: "Enter the acknowledgement deadline in minutes", invalid_type_error: minutesMessage })
    .int(minutesMessage)
    .min(1, minutesMessage)
    .max(1440, minutesMessage),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ acknowledgementMinutes: acknowledgementMinutes(db()) });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: settingsSchema });
  if (submission.status !== "success") {
    return json(submission.reply(), { status: 400 });
  }
  const minutes = submission.value.acknowledgementMinutes;
  setAcknowledgementMinutes(db(), minutes);
  return redirectWithNotice(
    "/admin/settings",
    `Settings saved. Line managers now have ${minutes} minute${minutes === 1 ? "" : "s"} to acknowledge a report.`,
  );
}

export default function Settings() {
  const current = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(settingsSchema, lastResult, current);
  return (
    <div className="max-w-2xl">
      <h1 className="mb-6 text-3xl font-bold">Settings</h1>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <TextField
          field={fields.acknowledgementMinutes}
          label="Acknowledgement deadline, in minutes"
          hint="How long a line manager has to acknowledge a mistaken-post report before the next most senior officer is asked. Haringey practice notes 4.2.5 say immediately."
          type="number"
          className="max-w-[8rem]"
        />
        <p className="mb-6">A change applies to reports made from now on, not to reports already waiting.</p>
        <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
      </Form>
    </div>
  );
}
