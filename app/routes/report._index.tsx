import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { PATH_MODULES } from "~/paths/registry";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Report something · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export default function ReportChooser() {
  return (
    <div className="max-w-2xl">
      <h1 className="mb-6 text-3xl font-bold">What do you want to report?</h1>
      <ul className="space-y-4">
        {PATH_MODULES.map(({ report }) => (
          <li key={report.address}>
            <Link to={report.address} className="panel block border-2 border-brand p-5 no-underline hover:bg-blue-50">
              <span className="block text-xl font-bold text-brand underline underline-offset-2">{report.title}</span>
              <span className="mt-1 block text-ink">{report.description}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
