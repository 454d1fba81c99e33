import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ChannelForm } from "~/components/channel-form";
import { updateChannel } from "~/models/channels.server";
import { channelSchema } from "~/schemas/channel";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { ChannelSubpageHeading } from "~/components/channel-heading";
import { redirectWithNotice } from "~/utils/notice.server";
import { replyWithRefusal } from "~/utils/refusal";
import { channelFromParams } from "~/models/channel-params.server";

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
      replyWithRefusal(submission, outcome),
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
      <ChannelSubpageHeading channel={channel} title={`Change ${channel.handle}`} showHandle={false} />
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
