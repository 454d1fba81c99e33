import { db } from "../utils/db.server";
import { idParam } from "../utils/params";
import { getChannel, getChannelPost } from "./channels.server";

/** The channel named in the address, or a 404 for an unknown or malformed id. */
export function channelFromParams(params: { channelId?: string }) {
  const id = idParam(params.channelId);
  const channel = id === null ? null : getChannel(db(), id);
  if (!channel) throw new Response("Not found", { status: 404 });
  return channel;
}

/** The channel and one of its posts named in the address, or a 404. */
export function channelPostFromParams(params: { channelId?: string; postId?: string }) {
  const channel = channelFromParams(params);
  const postId = idParam(params.postId);
  const post = postId === null ? null : getChannelPost(db(), channel.id, postId);
  if (!post) throw new Response("Not found", { status: 404 });
  return { channel, post };
}
