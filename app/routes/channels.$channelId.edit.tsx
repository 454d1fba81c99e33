import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ChannelForm } from "~/components/channel-form";
import { updateChannel } from "~/models/channels.server";
import { channelSchema } from "~/schemas/channel";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { channelFromParams } from "~/utils/channel-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Change ${data?.channel.handle ?? "channel"} · Channels · Holdfast` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const { id, platform, handle, link, owningService, admins, passwordChangedOn, active } = channelFromParams(params);
  return json({ channel: { id, platform, handle, link, owningService, admins, passwordChangedOn, active } });
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const channel = channelFromParams(params);
  const submission = parseWithZod(await request.formData(), { schema: channelSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const { passwordChangedOn, ...details } = submission.value;
  const outcome = updateChannel(db(), channel.id, { ...details, passwordChangedOn: passwordChangedOn ?? null });
  if (!outcome.ok) {
    return json(
      submission.reply(outcome.field ? { fieldErrors: { [outcome.field]: [outcome.message] } } : { formErrors: [outcome.message] }),
      { status: 400 },
    );
  }
  return redirectWithNotice(`/channels/${channel.id}`, `Changes to ${details.handle} have been saved.`);
}

export default function EditChannel() {
  const { channel } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <p className="mb-4">
        <Link to={`/channels/${channel.id}`} className="link">
          Back to {channel.handle}
        </Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">Change {channel.handle}</h1>
      <ChannelForm
        mode="edit"
        lastResult={lastResult}
        defaultValue={{
          platform: channel.platform,
          handle: channel.handle,
          link: channel.link,
          owningService: channel.owningService,
          admins: channel.admins.join("\n"),
          passwordChangedOn: channel.passwordChangedOn ?? undefined,
          active: channel.active,
        }}
      />
    </div>
  );
}
