import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/utils/auth.server";

export async function action({ request }: ActionFunctionArgs) {
  return signOut(request);
}

// Signing out changes state, so it only happens by POST; a visit here goes home.
export async function loader() {
  return redirect("/");
}
