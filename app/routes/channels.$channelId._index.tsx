import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { PauseSummary } from "~/components/channel-pause";
import { ScheduledPostForm } from "~/components/scheduled-post-form";
import { CHANNEL_ROLES, channelQueue, schedulePost } from "~/models/channels.server";
import { scheduledPostSchema } from "~/schemas/channel";
import { hasRole, requireAnyRole, requireRole } from "~/utils/auth.server";
import { formatCalendarDate, formatDateTime } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { replyWithRefusal } from "~/utils/refusal";
import { channelFromParams } from "~/models/channel-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.channel.handle ?? "Channel"} · Channels · Holdfast` },
];

const SCHEDULE_INTENT = "schedule-post";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireAnyRole(request, CHANNEL_ROLES);
  const channel = channelFromParams(params);
  return json({
    channel,
    queue: channelQueue(db(), channel.id),
    canSchedule: hasRole(user, "communications"),
    isAdmin: hasRole(user, "admin"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "communications");
  const channel = channelFromParams(params);
  const formData = await request.formData();
  if (formData.get("intent") !== SCHEDULE_INTENT) throw new Response("Bad request", { status: 400 });
  const submission = parseWithZod(formData, { schema: scheduledPostSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const outcome = schedulePost(db(), {
    channelId: channel.id,
    createdById: user.id,
    body: submission.value.body,
    scheduledFor: submission.value.scheduledFor,
    now: new Date(),
  });
  if (!outcome.ok) {
    return json(
      replyWithRefusal(submission, outcome),
      { status: 400 },
    );
  }
  const when = formatDateTime(submission.value.scheduledFor.toISOString());
  return redirectWithNotice(
    `/channels/${channel.id}`,
    channel.openPause
      ? `Post scheduled for ${when}. The channel is paused, so it is held until it has been reviewed.`
      : `Post scheduled for ${when}.`,
  );
}

type Post = SerializeFrom<typeof loader>["queue"]["scheduled"][number];


function QueueSection(props: {
  id: string;
  title: string;
  description?: ReactNode;
  posts: Post[];
  empty: string;
  timeHeading: string;
  time: (post: Post) => string;
  extra?: (post: Post) => ReactNode;
  actions?: (post: Post) => ReactNode;
}) {
  return (
    <section aria-labelledby={`${props.id}-title`} className="mt-8">
      <h2 id={`${props.id}-title`} className="mb-2 text-2xl font-bold">
        {props.title} <span className="text-lg font-normal text-muted">({props.posts.length})</span>
      </h2>
      {props.description ? <p className="mb-3">{props.description}</p> : null}
      {props.posts.length === 0 ? (
        <p className="text-muted">{props.empty}</p>
      ) : (
        <table className="reflow-table w-full text-sm">
          <caption className="sr-only">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col" className="header-cell w-44">{props.timeHeading}</th>
              <th scope="col" className="header-cell">Post</th>
              <th scope="col" className="header-cell w-36">Scheduled by</th>
              {props.actions ? (
                <th scope="col" className="header-cell w-28">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {props.posts.map((post) => (
              <tr key={post.id}>
                <td className="cell" data-label={props.timeHeading}>
                  {props.time(post)}
                </td>
                <td className="cell" data-label="Post">
                  <p className="whitespace-pre-wrap">{post.body}</p>
                  {props.extra?.(post)}
                </td>
                <td className="cell" data-label="Scheduled by">
                  {post.createdByName}
                </td>
                {props.actions ? <td className="cell">{props.actions(post)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function ChannelPage() {
  const { channel, queue, canSchedule, isAdmin } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pause = channel.openPause;
  const postActions = canSchedule
    ? (post: Post) => (
        <ul className="space-y-1">
          <li>
            <Link to={`/channels/${channel.id}/posts/${post.id}/edit`} className="link">
              Change<span className="sr-only"> the post due {formatDateTime(post.scheduledFor)}</span>
            </Link>
          </li>
          <li>
            <Link to={`/channels/${channel.id}/posts/${post.id}/cancel`} className="link">
              Cancel<span className="sr-only"> the post due {formatDateTime(post.scheduledFor)}</span>
            </Link>
          </li>
        </ul>
      )
    : undefined;

  return (
    <div>
      <p className="mb-4">
        <Link to="/channels" className="link">
          Back to channels
        </Link>
      </p>
      <p className="text-muted">
        {channel.platform} · {channel.owningService}
      </p>
      <h1 className="mb-6 text-3xl font-bold">{channel.handle}</h1>

      {pause ? (
        <section aria-labelledby="paused-title" className="mb-6 border-l-8 border-danger bg-red-50 p-4">
          <h2 id="paused-title" className="text-xl font-bold">
            This channel is paused: nothing on it will be published
          </h2>
          <p className="mt-2 font-semibold">
            <PauseSummary pause={pause} />.
          </p>
          <p className="mt-1">Reason: {pause.reason}</p>
          <p className="mt-2">
            Every post that was waiting is held. Each one is reviewed on the incident page (released,
            changed or cancelled) before the schedule can run again.
          </p>
        </section>
      ) : null}

      <section aria-labelledby="details-title">
        <h2 id="details-title" className="sr-only">
          Details
        </h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[14rem_1fr]">
          <dt className="font-semibold">State</dt>
          <dd>
            {!channel.active ? (
              <span className="tag bg-gray-200 text-ink">Inactive: nothing is published</span>
            ) : pause ? (
              <span className="tag bg-red-100 text-danger">Paused</span>
            ) : (
              <span className="tag bg-green-100 text-success">Live</span>
            )}
          </dd>
          <dt className="font-semibold">Link</dt>
          <dd>
            <a href={channel.link} className="link break-all" rel="noreferrer noopener">
              {channel.link}
            </a>
          </dd>
          <dt className="font-semibold">Owning service</dt>
          <dd>{channel.owningService}</dd>
          <dt className="font-semibold">People with admin access</dt>
          <dd>
            <ul>
              {channel.admins.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          </dd>
          <dt className="font-semibold">Password last changed</dt>
          <dd>{channel.passwordChangedOn ? formatCalendarDate(channel.passwordChangedOn) : <span className="text-muted">Not recorded</span>}</dd>
        </dl>
        {isAdmin ? (
          <p className="mt-4">
            <Link to={`/channels/${channel.id}/edit`} className="link">
              Change the channel&apos;s details
            </Link>
          </p>
        ) : null}
      </section>

      {canSchedule ? (
        <section aria-labelledby="schedule-title" className="panel mt-8 max-w-2xl">
          <h2 id="schedule-title" className="mb-2 text-xl font-bold">
            Schedule a post
          </h2>
          {channel.active ? (
            <>
              {pause ? (
                <p className="mb-4">
                  The channel is paused, so a new post is held until it has been reviewed on the incident page.
                </p>
              ) : null}
              {/* A new key after each change clears what was typed once it has been saved. */}
              <ScheduledPostForm
                key={[...queue.scheduled, ...queue.held].map((post) => post.id).join("-")}
                lastResult={lastResult}
                intent={SCHEDULE_INTENT}
                submitText="Schedule post"
                pendingText="Scheduling…"
              />
            </>
          ) : (
            <p>This channel is not active, so nothing can be scheduled on it.</p>
          )}
        </section>
      ) : null}

      <QueueSection
        id="scheduled"
        title="Scheduled"
        description={pause ? "Released posts wait here until the pause is lifted, then go out at their time (at once if it has passed)." : undefined}
        posts={queue.scheduled}
        empty="Nothing is scheduled."
        timeHeading="Goes out"
        time={(post) => formatDateTime(post.scheduledFor)}
        actions={postActions}
      />
      <QueueSection
        id="held"
        title="Held"
        description={queue.held.length ? "These posts were stopped by a crisis pause. They are reviewed on the incident page." : undefined}
        posts={queue.held}
        empty="No posts are held."
        timeHeading="Was due"
        time={(post) => formatDateTime(post.scheduledFor)}
        extra={() => <span className="tag mt-1 bg-red-100 text-danger">Held by the crisis pause</span>}
        actions={postActions}
      />
      <QueueSection
        id="published"
        title="Published"
        posts={queue.published}
        empty="Nothing has been published from Holdfast yet."
        timeHeading="Published"
        time={(post) => (post.publishedAt ? formatDateTime(post.publishedAt) : "")}
      />
      <QueueSection
        id="cancelled"
        title="Cancelled"
        posts={queue.cancelled}
        empty="No posts have been cancelled."
        timeHeading="Was due"
        time={(post) => formatDateTime(post.scheduledFor)}
      />
    </div>
  );
}
