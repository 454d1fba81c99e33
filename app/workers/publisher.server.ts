import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Queryable } from "../../db/directory";
import { channelPauses, channels, publications, scheduledPosts } from "../../db/schema";

/**
 * The publisher: sends scheduled posts that have fallen due to their platform through a
 * publishing adapter. A post goes out only while it is `scheduled` and its channel is active
 * with no open pause; both are checked again just before the adapter is called.
 */

export interface PublishingAdapter {
  /** Recorded on each publication, so the record says what sent it. */
  name: string;
  publish(
    post: { id: number; body: string },
    channel: { platform: string; handle: string },
  ): Promise<{ externalId: string | null }>;
}

/**
 * The default adapter publishes nothing: the publications table records what would have gone
 * out, so the product runs (and can be demonstrated) without any network access or platform keys.
 */
export const recordingAdapter: PublishingAdapter = {
  name: "recording",
  async publish(post) {
    return { externalId: `recorded-${post.id}` };
  },
};

export interface PublishResult {
  published: number;
  /** Due when the pass started, but held, changed or paused before its turn came. */
  skipped: number;
  failed: { postId: number; error: unknown }[];
}

/** Posts that may publish now: scheduled, due, on an active channel that is not paused. */
function publishable(now: string) {
  return and(
    eq(scheduledPosts.status, "scheduled"),
    lte(scheduledPosts.scheduledFor, now),
    eq(channels.active, true),
    sql`not exists (select 1 from ${channelPauses} where ${channelPauses.channelId} = ${channels.id} and ${channelPauses.resumedAt} is null)`,
  );
}

function duePosts(db: Queryable, now: string, postId?: number) {
  return db
    .select({
      id: scheduledPosts.id,
      body: scheduledPosts.body,
      channelId: channels.id,
      platform: channels.platform,
      handle: channels.handle,
    })
    .from(scheduledPosts)
    .innerJoin(channels, eq(channels.id, scheduledPosts.channelId))
    .where(and(publishable(now), postId === undefined ? undefined : eq(scheduledPosts.id, postId)))
    .orderBy(asc(scheduledPosts.scheduledFor), asc(scheduledPosts.id));
}

/**
 * Publishes every post due by `now`, one at a time. A failure leaves the post scheduled, to be
 * tried again on the next pass, and is returned rather than thrown so the other posts still go.
 * Once `stop` is aborted (the server is shutting down) no further post is started.
 */
export async function publishDuePosts(db: Db, adapter: PublishingAdapter, now: Date, stop?: AbortSignal): Promise<PublishResult> {
  const nowIso = now.toISOString();
  const result: PublishResult = { published: 0, skipped: 0, failed: [] };
  const due = duePosts(db, nowIso).limit(100).all();
  for (const candidate of due) {
    if (stop?.aborted) break;
    // Immediately before sending: a pause or an edit since the list was read must win.
    const post = db.transaction((tx) => duePosts(tx, nowIso, candidate.id).get(), { behavior: "immediate" });
    if (!post) {
      result.skipped += 1;
      continue;
    }
    let externalId: string | null;
    try {
      ({ externalId } = await adapter.publish(
        { id: post.id, body: post.body },
        { platform: post.platform, handle: post.handle },
      ));
    } catch (error) {
      result.failed.push({ postId: post.id, error });
      continue;
    }
    // The platform has it now, whatever happened to the row while we waited (a pause, an edit):
    // the record must say what went out, so the post is marked published unconditionally.
    db.transaction(
      (tx) => {
        tx.update(scheduledPosts)
          .set({ status: "published", publishedAt: nowIso, updatedAt: nowIso })
          .where(eq(scheduledPosts.id, post.id))
          .run();
        tx.insert(publications)
          .values({
            scheduledPostId: post.id,
            channelId: post.channelId,
            adapter: adapter.name,
            body: post.body,
            externalId,
            publishedAt: nowIso,
          })
          .run();
      },
      { behavior: "immediate" },
    );
    result.published += 1;
  }
  return result;
}
