import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { ChannelForm } from "~/components/channel-form";
import { createChannel } from "~/models/channels.server";
import { channelSchema } from "~/schemas/channel";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { replyWithRefusal } from "~/utils/refusal";

export const meta: MetaFunction = () => [{ title: "Add a channel · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: channelSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { passwordChangedOn, ...details } = submission.value;
  const outcome = createChannel(db(), { ...details, passwordChangedOn: passwordChangedOn ?? null });
  if (!outcome.ok) {
    return json(
      replyWithRefusal(submission, outcome),
      { status: 400 },
    );
  }
  return redirectWithNotice(`/channels/${outcome.id}`, `${details.handle} has been added to the register.`);
}

export default function NewChannel() {
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <p className="mb-4">
        <Link to="/channels" className="link">
          Back to channels
        </Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Add a channel</h1>
      <ChannelForm mode="new" lastResult={lastResult} defaultValue={{ active: true }} />
    </div>
  );
}
