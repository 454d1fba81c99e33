import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ZodTypeAny } from "zod";
import { ErrorSummary, SubmitButton, useValidatedForm } from "~/components/forms";
import { PATH_MODULES } from "~/paths/registry";
import type { PathModule } from "~/paths/types";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";

export const meta: MetaFunction = () => [{ title: "Settings · Holdfast" }];

/** Each path's settings, a form each: `section` names the path whose form was sent. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ sections: PATH_MODULES.map((module) => ({ kind: module.definition.kind, ...module.settings.load(db()) })) });
}

type ActionData = { section: string; result: SubmissionResult<string[]> };

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const formData = await request.formData();
  const section = formData.get("section");
  const module = PATH_MODULES.find((candidate) => candidate.definition.kind === section);
  if (!module) throw new Response("That is not a section of the settings.", { status: 400 });
  const kind = module.definition.kind;
  const submission = parseWithZod(formData, { schema: module.settings.schema });
  if (submission.status !== "success") {
    return json<ActionData>({ section: kind, result: submission.reply() }, { status: 400 });
  }
  const saved = module.settings.save(db(), submission.value);
  if (!saved.ok) return json<ActionData>({ section: kind, result: submission.reply({ formErrors: [saved.formError] }) }, { status: 400 });
  return redirectWithNotice("/admin/settings", saved.notice);
}

function SettingsForm({ module, loaded, actionData }: { module: PathModule; loaded: SerializeFrom<typeof loader>["sections"][number]; actionData: ActionData | undefined }) {
  const kind = module.definition.kind;
  const [form, fields] = useValidatedForm<ZodTypeAny>(module.settings.schema, actionData?.section === kind ? actionData.result : undefined, loaded.current);
  const { Fieldset } = module.settings;
  return (
    <Form method="post" {...getFormProps(form)} noValidate>
      <ErrorSummary form={form} fields={fields} />
      <input type="hidden" name="section" value={kind} />
      <Fieldset fields={fields} shown={loaded.shown} />
      <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
    </Form>
  );
}

export default function Settings() {
  const { sections } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <h1 className="mb-6 text-3xl font-bold">Settings</h1>
      {PATH_MODULES.map((module) => {
        const loaded = sections.find((section) => section.kind === module.definition.kind);
        return loaded ? <SettingsForm key={module.definition.kind} module={module} loaded={loaded} actionData={actionData} /> : null;
      })}
    </div>
  );
}
