import { Link } from "@remix-run/react";

/** The top of a page under a channel: the way back to it, whose page this is, and the title. */
export function ChannelSubpageHeading({ channel, title, showHandle = true }: { channel: { id: number; handle: string }; title: string; showHandle?: boolean }) {
  return (
    <>
      <p className="mb-4">
        <Link to={`/channels/${channel.id}`} className="link">
          Back to {channel.handle}
        </Link>
      </p>
      {showHandle ? <p className="text-muted">{channel.handle}</p> : null}
      <h1 className="mb-6 text-3xl font-bold">{title}</h1>
    </>
  );
}
