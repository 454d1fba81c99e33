import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireUser } from "~/utils/auth.server";

export const meta: MetaFunction = () => [{ title: "Report something · Holdfast" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

const REPORTS = [
  {
    to: "/report/mistaken-post",
    title: "A post made by mistake on one of our accounts",
    description: "Something was posted that should not have been. Your line manager and Communications are told.",
  },
  {
    to: "/report/abuse",
    title: "Abuse you received online because of your job",
    description: "Threats, harassment or hate. Your line manager and HR and safety are told.",
  },
];

export default function ReportChooser() {
  return (
    <div className="max-w-2xl">
      <h1 className="mb-6 text-3xl font-bold">What do you want to report?</h1>
      <ul className="space-y-4">
        {REPORTS.map((report) => (
          <li key={report.to}>
            <Link to={report.to} className="panel block border-2 border-brand p-5 no-underline hover:bg-blue-50">
              <span className="block text-xl font-bold text-brand underline underline-offset-2">{report.title}</span>
              <span className="mt-1 block text-ink">{report.description}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
