import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, SubmitButton, TextField, useValidatedForm } from "~/components/forms";
import { commitSessionCookie, getUser, safeRedirect, signIn, type SignInResult } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Holdfast" }];

const signInSchema = z.object({
  email: z
    .string({ required_error: "Enter your work email address" })
    .trim()
    .email("Enter an email address in the right format, like name@example.gov.uk"),
  password: z.string({ required_error: "Enter your password" }),
  redirectTo: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const url = new URL(request.url);
  if (user) throw redirect(safeRedirect(url.searchParams.get("redirectTo")));
  return json({ signedOut: url.searchParams.has("signedOut") });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: signInSchema });
  if (submission.status !== "success") {
    return json(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const result = await signIn(db(), submission.value, new Date(), context.clientAddress);
  if (!result.ok) {
    return json(submission.reply({ formErrors: [signInRefusal(result)], hideFields: ["password"] }), {
      status: result.reason === "invalid" ? 401 : 429,
    });
  }
  return redirect(safeRedirect(submission.value.redirectTo), {
    headers: { "Set-Cookie": await commitSessionCookie(result.token) },
  });
}

function signInRefusal(result: Exclude<SignInResult, { ok: true }>): string {
  if (result.reason === "invalid") return "The email address or password is not right. Check them and try again.";
  const wait = `Wait ${result.retryAfterMinutes} minute${result.retryAfterMinutes === 1 ? "" : "s"} and try again, or ask an administrator for help.`;
  return result.reason === "locked"
    ? `Too many attempts to sign in to this account. ${wait}`
    : `Too many attempts to sign in from this connection. ${wait}`;
}

export default function SignIn() {
  const { signedOut } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useValidatedForm(signInSchema, lastResult);
  return (
    <div className="max-w-md">
      {signedOut && !lastResult ? (
        <div role="status" className="mb-6 border-l-8 border-success bg-green-50 p-4 font-semibold text-success">
          You have signed out.
        </div>
      ) : null}
      <h1 className="mb-6 text-3xl font-bold">Sign in to Holdfast</h1>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <TextField field={fields.email} label="Work email address" type="email" autoComplete="username" />
        <TextField field={fields.password} label="Password" type="password" autoComplete="current-password" />
        <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      </Form>
    </div>
  );
}
