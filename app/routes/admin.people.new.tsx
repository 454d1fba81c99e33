import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PersonForm } from "~/components/person-form";
import { createPerson, lineManagerOptions } from "~/models/people.server";
import { newPersonSchema } from "~/schemas/person";
import { hashPassword, requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { replyWithRefusal } from "~/utils/refusal";

export const meta: MetaFunction = () => [{ title: "Add a person · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return json({ lineManagers: lineManagerOptions(db(), null) });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: newPersonSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { password, lineManagerId, ...details } = submission.value;
  const outcome = createPerson(
    db(),
    { ...details, lineManagerId: lineManagerId ?? null, active: true },
    await hashPassword(password),
  );
  if (!outcome.ok) {
    return json(
      replyWithRefusal(submission, outcome, { hideFields: ["password"] }),
      { status: 400 },
    );
  }
  return redirectWithNotice("/admin/people", `${details.name} has been added. They can now sign in.`);
}

export default function NewPerson() {
  const { lineManagers } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <p className="mb-4">
        <Link to="/admin/people" className="link">
          Back to people
        </Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Add a person</h1>
      <PersonForm mode="new" lastResult={lastResult} lineManagers={lineManagers} defaultValue={{ roles: ["staff"] }} />
    </div>
  );
}
