import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { ScheduledPostForm } from "~/components/scheduled-post-form";
import { recordedOnIncident, updatePost } from "~/models/channels.server";
import { scheduledPostSchema } from "~/schemas/channel";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime, toOrganisationLocalInput } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";
import { ChannelSubpageHeading } from "~/components/channel-heading";
import { redirectWithNotice } from "~/utils/notice.server";
import { replyWithRefusal } from "~/utils/refusal";
import { channelPostFromParams } from "~/models/channel-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Change a post · ${data?.channel.handle ?? "Channel"} · Holdfast` },
];

const SAVE_INTENT = "save-post";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "communications");
  const { channel, post } = channelPostFromParams(params);
  return json({
    channel: { id: channel.id, handle: channel.handle, paused: channel.openPause !== null },
    post: { ...post, scheduledForInput: toOrganisationLocalInput(new Date(post.scheduledFor)) },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "communications");
  const { channel, post } = channelPostFromParams(params);
  const submission = parseWithZod(await request.formData(), { schema: scheduledPostSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const outcome = updatePost(db(), {
    channelId: channel.id,
    postId: post.id,
    body: submission.value.body,
    scheduledFor: submission.value.scheduledFor,
    now: new Date(),
    user,
  });
  if (!outcome.ok) {
    return json(
      replyWithRefusal(submission, outcome),
      { status: outcome.field ? 400 : 409 },
    );
  }
  return redirectWithNotice(
    `/channels/${channel.id}`,
    `Post changed. It goes out at ${formatDateTime(submission.value.scheduledFor.toISOString())}${outcome.recordedOn ? " once it has been released" : ""}.${recordedOnIncident(outcome.recordedOn)}`,
  );
}

export default function EditPost() {
  const { channel, post } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const changeable = post.status === "scheduled" || post.status === "held";
  return (
    <div className="max-w-2xl">
      <ChannelSubpageHeading channel={channel} title="Change a scheduled post" />
      {!changeable ? (
        <p>This post has been {post.status}, so it can no longer be changed.</p>
      ) : (
        <>
          {post.status === "held" ? (
            <p className="mb-4">
              <span className="tag bg-red-100 text-danger">Held by the crisis pause</span> Changing it
              does not release it: it stays held until it is reviewed on the incident page, where the change is recorded.
            </p>
          ) : null}
          <ScheduledPostForm
            lastResult={lastResult}
            defaultValue={{ body: post.body, scheduledFor: post.scheduledForInput }}
            intent={SAVE_INTENT}
            submitText="Save changes"
            pendingText="Saving…"
          />
        </>
      )}
    </div>
  );
}
