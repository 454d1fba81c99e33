import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EvidenceList, EvidencePackLinks, formatCount } from "~/components/incident-parts";
import { Pagination } from "~/components/pagination";
import { evidencePage } from "~/models/evidence.server";
import { findIncidentForUser, recordViewFor } from "~/models/incidents.server";
import { pathModuleFor } from "~/paths/registry";
import { requireUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

/**
 * Every evidence file of an incident, a page at a time, for when there are too many to list on
 * the incident page: what a police officer or manager checks the files by (name, who added it,
 * when, SHA-256), with each file to download. Only for people who may see the incident; everyone
 * else gets the same 404 as for one that does not exist. As on the incident page, each thumbnail
 * shown and each file downloaded is recorded in the chain of custody; the list itself is not.
 */

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Evidence · Holdfast" }];
  const which = data.pageCount > 1 ? `, page ${data.page} of ${data.pageCount}` : "";
  return [{ title: `Evidence files${which}: ${data.incident.reference} · Holdfast` }];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const incident = findIncidentForUser(db(), params.reference ?? "", user);
  // Need to know: someone not shown the files on the incident page is not shown them here either.
  if (!incident || !recordViewFor(db(), user, incident).showsEvidence) throw new Response("Not found", { status: 404 });
  const listing = evidencePage(db(), incident.id, new URL(request.url).searchParams.get("page"));
  const path = pathModuleFor(incident.kind);
  return json({
    incident: {
      reference: incident.reference,
      title: incident.title,
      kindTitle: path.definition.title,
      thumbnails: path.evidenceThumbnails,
    },
    ...listing,
  });
}

export default function EvidenceFiles() {
  const { incident, files, total, page, pageCount, notFound, firstNumber, lastNumber } = useLoaderData<typeof loader>();
  const here = `/incidents/${incident.reference}/evidence`;
  return (
    <div>
      <p className="mb-4">
        <Link to={`/incidents/${incident.reference}`} className="link">
          Back to the incident
        </Link>
      </p>
      <p className="text-muted">
        {incident.kindTitle} · {incident.reference}
      </p>
      <h1 className="text-3xl font-bold">Evidence files</h1>
      <p className="mt-2">{incident.title}</p>
      {notFound !== null ? (
        <p className="mt-4 border-l-4 border-danger pl-3 font-semibold">
          There is no page “{notFound}” of the evidence files. This is page {page} of {pageCount}.
        </p>
      ) : null}
      {total === 0 ? (
        <p className="mt-6 text-muted">No screenshots yet.</p>
      ) : (
        <section aria-labelledby="files-title" className="mt-6">
          <h2 id="files-title" className="text-xl font-bold">
            {pageCount > 1
              ? `Files ${formatCount(firstNumber)} to ${formatCount(lastNumber)} of ${formatCount(total)}`
              : `${formatCount(total)} file${total === 1 ? "" : "s"}`}
          </h2>
          <p className="mt-1 text-muted">In the order they were added. Each download is recorded in the chain of custody.</p>
          <EvidenceList reference={incident.reference} files={files} thumbnails={incident.thumbnails} lazyThumbnails numbered className="mt-4" />
          <Pagination label="Pages of evidence files" page={page} pageCount={pageCount} linkTo={(target) => `${here}?page=${target}`} />
        </section>
      )}
      {total > 0 ? (
        <section aria-labelledby="pack-title" className="mt-8">
          <h2 id="pack-title" className="text-xl font-bold">
            The whole record
          </h2>
          <EvidencePackLinks reference={incident.reference} />
        </section>
      ) : null}
    </div>
  );
}
