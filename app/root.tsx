import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import stylesheet from "./tailwind.css";
import { useNonce } from "./components/nonce";
import { CrisisBanner } from "./components/crisis-banner";
import { crisisBanner } from "./models/crisis-banner.server";
import { mayViewDashboard } from "./models/dashboard.server";
import { workAwaitedCount, type WorkCount } from "./models/incidents.server";
import { db } from "./utils/db.server";
import { viewerKey } from "./utils/viewer-key.server";
import { dataVersion } from "../db/data-version";
import { LRUCache } from "lru-cache";
import type { Db } from "../db/client";
import { YourWorkLink } from "./components/your-work-link";
import { getUser, hasRole, type CurrentUser } from "./utils/auth.server";
import { takeNotice } from "./utils/notice.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.ico" },
];

export const meta: MetaFunction = () => [{ title: "Holdfast" }];

/**
 * The header's count of the work awaited from the viewer, on every page: kept while nothing in
 * the database changes, for at most half a minute (what is overdue follows the clock). Decision 21
 * gives the measurements.
 */
const keptWorkCounts = new LRUCache<string, WorkCount, { database: Db; user: CurrentUser }>({
  max: 500,
  ttl: 30_000,
  memoMethod: (_key, _stale, { context }) => workAwaitedCount(context.database, context.user, new Date()),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const database = db();
  const { notice, clearCookie } = await takeNotice(request);
  return json(
    {
      user: user && {
        name: user.name,
        isAdmin: hasRole(user, "admin"),
        canSeeChannels: hasRole(user, "communications") || hasRole(user, "admin"),
        canSeeDashboard: mayViewDashboard(user),
        work: keptWorkCounts.memo(`${viewerKey(database, user)}:${dataVersion(database)}`, { context: { database, user } }),
      },
      notice,
      crisisBanner: user && crisisBanner(database, user),
    },
    { headers: clearCookie ? { "Set-Cookie": clearCookie } : {} },
  );
}

/** Whether a main navigation link is the page shown or one below it (Home only for itself). */
function isCurrentSection(to: string, pathname: string): boolean {
  return to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
}

function Header() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { pathname } = useLocation();
  const user = data?.user;
  return (
    <header className="bg-ink text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:block focus:bg-focus focus:p-2 focus:text-ink">
        Skip to main content
      </a>
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <Link to="/" className="text-xl font-bold text-white no-underline">
          Holdfast
        </Link>
        {user ? (
          <nav aria-label="Main" className="flex flex-wrap items-center gap-2">
            {[
              { to: "/", label: "Home", shown: true },
              { to: "/incidents", label: "Incidents", shown: true },
              { to: "/report", label: "Report", shown: true },
              { to: "/dashboard", label: "Dashboard", shown: user.canSeeDashboard },
              { to: "/channels", label: "Channels", shown: user.canSeeChannels },
              { to: "/admin/people", label: "People", shown: user.isAdmin },
              { to: "/admin/mailbox", label: "Emails", shown: user.isAdmin },
              { to: "/admin/settings", label: "Settings", shown: user.isAdmin },
              { to: "/admin/verify", label: "Verify", shown: user.isAdmin },
            ]
              .filter((link) => link.shown)
              .map((link) => {
                const current = isCurrentSection(link.to, pathname);
                return (
                  <Link
                    key={link.to}
                    to={link.to}
                    aria-current={current ? "page" : undefined}
                    className={`rounded px-2 py-1 text-white underline-offset-4 hover:underline ${current ? "underline decoration-2" : "no-underline"}`}
                  >
                    {link.label}
                  </Link>
                );
              })}
            <YourWorkLink work={user.work} />
            <span className="px-2 text-gray-200">{user.name}</span>
            <Form method="post" action="/sign-out">
              <button type="submit" className="rounded border border-white px-3 py-1 text-white hover:bg-white hover:text-ink">
                Sign out
              </button>
            </Form>
          </nav>
        ) : null}
      </div>
    </header>
  );
}

function LoadingBar() {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  return (
    <div role="status" aria-live="polite" className="h-1">
      {busy ? (
        <>
          <div className="h-1 w-full animate-pulse bg-brand" />
          <span className="sr-only">Loading</span>
        </>
      ) : null}
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en-GB" className="h-full bg-gray-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full">
        <Header />
        <LoadingBar />
        <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-6 outline-none">
          {children}
        </main>
        <footer className="mx-auto max-w-5xl border-t border-gray-300 px-4 py-6">
          <Link to="/accessibility">Accessibility statement</Link>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Notice() {
  const { notice } = useLoaderData<typeof loader>();
  if (!notice) return null;
  return (
    <div role="status" className="mb-6 border-l-8 border-success bg-green-50 p-4 font-semibold text-success">
      {notice}
    </div>
  );
}

export default function App() {
  const { crisisBanner } = useLoaderData<typeof loader>();
  return (
    <>
      <CrisisBanner banner={crisisBanner} />
      <Notice />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error)
    ? typeof error.data === "string" && error.data
      ? error.data
      : error.statusText
    : "Something went wrong on our side. Nothing you entered has been lost from earlier steps; please try again.";
  const title = status === 404 ? "Page not found" : status === 403 ? "You cannot see this page" : "Sorry, there is a problem";
  return (
    <div>
      <h1 className="text-3xl font-bold">{title}</h1>
      <p className="mt-4">{status === 404 ? "There is nothing at this address. Check it, or go back to the home page." : message}</p>
      <p className="mt-4">
        <Link to="/" className="link">
          Go to the home page
        </Link>
      </p>
    </div>
  );
}
