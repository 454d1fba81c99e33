import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SubmitButton, useValidatedForm } from "~/components/forms";
import { cancelPost, recordedOnIncident } from "~/models/channels.server";
import { cancelPostSchema } from "~/schemas/channel";
import { requireRole } from "~/utils/auth.server";
import { formatDateTime } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";
import { ChannelSubpageHeading } from "~/components/channel-heading";
import { redirectWithNotice } from "~/utils/notice.server";
import { channelPostFromParams } from "~/models/channel-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Cancel a post · ${data?.channel.handle ?? "Channel"} · Holdfast` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "communications");
  const { channel, post } = channelPostFromParams(params);
  return json({ channel: { id: channel.id, handle: channel.handle }, post });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "communications");
  const { channel, post } = channelPostFromParams(params);
  const submission = parseWithZod(await request.formData(), { schema: cancelPostSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const outcome = cancelPost(db(), { channelId: channel.id, postId: post.id, now: new Date(), user });
  if (!outcome.ok) return json(submission.reply({ formErrors: [outcome.message] }), { status: 409 });
  return redirectWithNotice(
    `/channels/${channel.id}`,
    `The post due ${formatDateTime(post.scheduledFor)} has been cancelled. It will not be published.${recordedOnIncident(outcome.recordedOn)}`,
  );
}

export default function CancelPost() {
  const { channel, post } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(cancelPostSchema, lastResult);
  const cancellable = post.status === "scheduled" || post.status === "held";
  return (
    <div className="max-w-2xl">
      <ChannelSubpageHeading channel={channel} title="Cancel this post?" />
      <ErrorSummary form={form} fields={fields} />
      <dl className="panel mb-6 grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[10rem_1fr]">
        <dt className="font-semibold">Due</dt>
        <dd>{formatDateTime(post.scheduledFor)}</dd>
        <dt className="font-semibold">Scheduled by</dt>
        <dd>{post.createdByName}</dd>
        <dt className="font-semibold">Post</dt>
        <dd className="whitespace-pre-wrap break-words">{post.body}</dd>
      </dl>
      {cancellable ? (
        <>
          <p className="mb-6">A cancelled post is never published. This cannot be undone; to post it later, schedule it again.</p>
          <Form method="post" {...getFormProps(form)} noValidate className="flex flex-wrap items-center gap-4">
            <input type="hidden" name="confirm" value="yes" />
            <SubmitButton pendingText="Cancelling…" className="button bg-danger hover:bg-red-900">
              Yes, cancel this post
            </SubmitButton>
            <Link to={`/channels/${channel.id}`} className="link">
              No, keep it
            </Link>
          </Form>
        </>
      ) : (
        <p>This post has been {post.status}, so it can no longer be cancelled.</p>
      )}
    </div>
  );
}
