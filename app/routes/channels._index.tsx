import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AboutThisProcedure } from "~/components/about-procedure";
import { PauseSummary } from "~/components/channel-pause";
import { CHANNEL_ROLES, listChannels } from "~/models/channels.server";
import { hasRole, requireAnyRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Channels · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAnyRole(request, CHANNEL_ROLES);
  return json({ channels: listChannels(db()), isAdmin: hasRole(user, "admin") });
}


export default function Channels() {
  const { channels, isAdmin } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1 className="text-3xl font-bold">Channels</h1>
      <p className="mt-2">
        The organisation&apos;s social media accounts, who looks after them, and what is scheduled on
        each. In a crisis every active channel can be paused at once, holding its scheduled posts for review.
      </p>
      {isAdmin ? (
        <p className="mt-4">
          <Link to="/channels/new" className="button no-underline">
            Add a channel
          </Link>
        </p>
      ) : null}
      {channels.length === 0 ? (
        <p className="mt-6 text-muted">No channels have been added to the register yet.</p>
      ) : (
        <table className="reflow-table mt-6 w-full text-sm">
          <caption className="mb-2 text-left text-base text-muted">
            {channels.length} {channels.length === 1 ? "channel" : "channels"}, by owning service
          </caption>
          <thead>
            <tr>
              <th scope="col" className="header-cell">Handle</th>
              <th scope="col" className="header-cell">Platform</th>
              <th scope="col" className="header-cell">Owning service</th>
              <th scope="col" className="header-cell">Admins</th>
              <th scope="col" className="header-cell">State</th>
              <th scope="col" className="header-cell text-right">Scheduled</th>
              <th scope="col" className="header-cell text-right">Held</th>
            </tr>
          </thead>
          <tbody>
            {channels.map((channel) => (
              <tr key={channel.id}>
                <th scope="row" className="row-header-cell">
                  <Link to={`/channels/${channel.id}`} className="link font-semibold">
                    {channel.handle}
                  </Link>
                </th>
                <td className="cell" data-label="Platform">
                  {channel.platform}
                </td>
                <td className="cell" data-label="Owning service">{channel.owningService}</td>
                <td className="cell" data-label="Admins">{channel.admins.join(", ")}</td>
                <td className="cell" data-label="State">
                  {!channel.active ? (
                    <span className="tag bg-gray-200 text-ink">Inactive</span>
                  ) : channel.pause ? (
                    <span className="font-semibold text-danger">
                      <PauseSummary pause={channel.pause} />
                    </span>
                  ) : (
                    <span className="tag bg-green-100 text-success">Live</span>
                  )}
                </td>
                <td className="cell text-right" data-label="Scheduled">{channel.scheduledCount}</td>
                <td className="cell text-right" data-label="Held">{channel.heldCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AboutThisProcedure>
        <p className="mt-2">
          Keeping a register of the organisation&apos;s accounts, and pausing what is scheduled on them in a crisis, follows the
          organisation&apos;s policy: Haringey practice notes 4.2.4 and 4.2.5, step 4.
        </p>
      </AboutThisProcedure>
    </div>
  );
}
