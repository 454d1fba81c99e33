import type { SubmissionResult } from "@conform-to/react";
import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SubmitButton, TextField, useValidatedForm } from "~/components/forms";
import { PersonForm } from "~/components/person-form";
import {
  getPerson,
  lineManagerOptions,
  listAbsences,
  recordAbsence,
  removeAbsence,
  updatePerson,
} from "~/models/people.server";
import { INTENTS, absenceSchema, editPersonSchema, removeAbsenceSchema } from "~/schemas/person";
import { hashPassword, requireRole, sessionTokenHash } from "~/utils/auth.server";
import { formatCalendarDate } from "../../machines/kit/dates";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";
import { replyWithRefusal } from "~/utils/refusal";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? "Person"} · People · Holdfast` },
];

function findPerson(personId: string | undefined) {
  const person = personId && /^\d{1,15}$/.test(personId) ? getPerson(db(), Number(personId)) : null;
  if (!person) throw new Response("Not found", { status: 404 });
  return person;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const person = findPerson(params.personId);
  return json({
    person,
    lineManagers: lineManagerOptions(db(), person.id),
    absences: listAbsences(db(), person.id),
  });
}

/** Each form on the page gets back only its own result. */
function replyTo(intent: string, result: SubmissionResult<string[]>) {
  return json({ intent, result }, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const person = findPerson(params.personId);
  const formData = await request.formData();
  const intent = formData.get("intent");

  if (intent === INTENTS.savePerson) {
    const submission = parseWithZod(formData, { schema: editPersonSchema });
    if (submission.status !== "success") return replyTo(intent, submission.reply({ hideFields: ["password"] }));
    const { password, lineManagerId, ...details } = submission.value;
    const outcome = updatePerson(
      db(),
      person.id,
      { ...details, lineManagerId: lineManagerId ?? null },
      password ? await hashPassword(password) : undefined,
      admin.id === person.id ? ((await sessionTokenHash(request)) ?? undefined) : undefined,
    );
    if (!outcome.ok) {
      return replyTo(
        intent,
        replyWithRefusal(submission, outcome, { hideFields: ["password"] }),
      );
    }
    return redirectWithNotice("/admin/people", `Changes to ${details.name} have been saved.`);
  }

  if (intent === INTENTS.recordAbsence) {
    const submission = parseWithZod(formData, { schema: absenceSchema });
    if (submission.status !== "success") return replyTo(intent, submission.reply());
    const outcome = recordAbsence(db(), person.id, submission.value);
    if (!outcome.ok) return replyTo(intent, replyWithRefusal(submission, outcome));
    const { startsOn, endsOn } = submission.value;
    return redirectWithNotice(
      `/admin/people/${person.id}`,
      `Absence recorded for ${person.name}: ${formatCalendarDate(startsOn)} to ${formatCalendarDate(endsOn)}.`,
    );
  }

  if (intent === INTENTS.removeAbsence) {
    const submission = parseWithZod(formData, { schema: removeAbsenceSchema });
    // Someone else's absence, or one already removed, is not there to remove.
    if (submission.status !== "success" || !removeAbsence(db(), person.id, submission.value.absenceId)) {
      throw new Response("Not found", { status: 404 });
    }
    return redirectWithNotice(`/admin/people/${person.id}`, `Absence removed for ${person.name}.`);
  }

  throw new Response("Bad request", { status: 400 });
}

function AbsenceForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useValidatedForm(absenceSchema, lastResult);
  return (
    <>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <input type="hidden" name="intent" value={INTENTS.recordAbsence} />
        <TextField field={fields.startsOn} label="Starts on" hint="The first day they are away" type="date" className="max-w-xs" />
        <TextField field={fields.endsOn} label="Ends on" hint="The last day they are away" type="date" className="max-w-xs" />
        <TextField
          field={fields.reason}
          label="Reason"
          hint="For example, annual leave or a training course. Do not give medical or other personal details."
        />
        <SubmitButton intent={INTENTS.recordAbsence} pendingText="Recording…">Record absence</SubmitButton>
      </Form>
    </>
  );
}


export default function EditPerson() {
  const { person, lineManagers, absences } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  return (
    <div className="max-w-2xl">
      <p className="mb-4">
        <Link to="/admin/people" className="link">
          Back to people
        </Link>
      </p>
      <h1 className="mb-6 text-3xl font-bold">{person.name}</h1>

      <section aria-labelledby="details-title">
        <h2 id="details-title" className="mb-4 text-2xl font-bold">
          Details
        </h2>
        <PersonForm
          mode="edit"
          lastResult={resultFor(INTENTS.savePerson)}
          defaultValue={person}
          lineManagers={lineManagers}
        />
      </section>

      <section aria-labelledby="absences-title" id="absences" className="mt-10">
        <h2 id="absences-title" className="mb-2 text-2xl font-bold">
          Absences
        </h2>
        <p className="mb-4">
          While someone is away, reports that would go to them go to the next most senior officer instead.
        </p>
        {absences.length === 0 ? (
          <p className="text-muted">No absences have been recorded for {person.name}.</p>
        ) : (
          <table className="reflow-table w-full">
            <caption className="sr-only">Absences recorded for {person.name}</caption>
            <thead>
              <tr>
                <th scope="col" className="header-cell">From</th>
                <th scope="col" className="header-cell">To</th>
                <th scope="col" className="header-cell">Reason</th>
                <th scope="col" className="header-cell">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {absences.map((absence) => (
                <tr key={absence.id}>
                  <td className="cell" data-label="From">
                    {formatCalendarDate(absence.startsOn)}
                  </td>
                  <td className="cell" data-label="To">
                    {formatCalendarDate(absence.endsOn)}
                  </td>
                  <td className="cell" data-label="Reason">
                    {absence.reason}
                  </td>
                  <td className="cell">
                    <Form method="post">
                      <input type="hidden" name="intent" value={INTENTS.removeAbsence} />
                      <input type="hidden" name="absenceId" value={absence.id} />
                      <button type="submit" className="link">
                        Remove
                        <span className="sr-only">
                          {" "}
                          absence from {formatCalendarDate(absence.startsOn)} to {formatCalendarDate(absence.endsOn)}
                        </span>
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}

        <h3 className="mb-4 mt-8 text-xl font-bold">Record an absence</h3>
        {/* A new key after each change clears what was typed once it has been saved. */}
        <AbsenceForm key={absences.map((absence) => absence.id).join("-")} lastResult={resultFor(INTENTS.recordAbsence)} />
      </section>
    </div>
  );
}
