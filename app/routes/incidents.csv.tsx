import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportIncidents, incidentsCsv, parseFilters } from "~/models/incident-list.server";
import { requireUser } from "~/utils/auth.server";
import { organisationDate } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";

/**
 * The incident list as a CSV file, with the same filters and the same privacy as the page:
 * every matching incident this person may see, not only one page.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = new Date();
  const filters = parseFilters(new URL(request.url).searchParams);
  const body = incidentsCsv(exportIncidents(db(), user, filters, now));
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="holdfast-incidents-${organisationDate(now)}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
