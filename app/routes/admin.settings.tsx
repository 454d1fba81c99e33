import { getFormProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ChoiceField, ErrorSummary, SelectField, SubmitButton, TextField, useValidatedForm } from "~/components/forms";
import {
  abuseSettings,
  acknowledgementMinutes,
  leadershipPeople,
  setAbuseSettings,
  setAcknowledgementMinutes,
  setSeverityRule,
  severityRule,
} from "~/models/settings.server";
import { SEVERITIES, SEVERITY_LABELS } from "../../machines/mistaken-post";
import { requireRole } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { redirectWithNotice } from "~/utils/notice.server";

export const meta: MetaFunction = () => [{ title: "Settings · Holdfast" }];

const minutesMessage = "Enter the deadline as a whole number of minutes from 1 to 1,440 (24 hours)";

const settingsSchema = z.object({
  acknowledgementMinutes: z
    .number({ required_error: "Enter the acknowledgement deadline in minutes", invalid_type_error: minutesMessage })
    .int(minutesMessage)
    .min(1, minutesMessage)
    .max(1440, minutesMessage),
  notifySeniorLeadersFrom: z.enum(SEVERITIES, { required_error: "Choose the severity from which senior leaders are told" }),
  seniorLeaderIds: z.array(z.coerce.number().int().positive(), { required_error: "Choose at least one senior leader to tell" }).min(1, "Choose at least one senior leader to tell"),
  leaderId: z.coerce.number({ required_error: "Choose the Leader", invalid_type_error: "Choose the Leader" }).int().positive("Choose the Leader"),
  wellbeingFollowUpDays: wholeNumber("Enter the days before the wellbeing follow-up, from 1 to 60", 1, 60),
  policeReminderHours: wholeNumber("Enter the hours between police reminders, from 1 to 168 (a week)", 1, 168),
  chainLevels: wholeNumber("Enter how many levels of managers can read abuse reports, as a whole number from 1 (the line manager only) to 10", 1, 10),
});

function wholeNumber(message: string, min: number, max: number) {
  return z.number({ required_error: message, invalid_type_error: message }).int(message).min(min, message).max(max, message);
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const rule = severityRule(db());
  return json({
    current: {
      acknowledgementMinutes: acknowledgementMinutes(db()),
      notifySeniorLeadersFrom: rule.notifySeniorLeadersFrom,
      seniorLeaderIds: rule.seniorLeaderIds.map(String),
      leaderId: rule.leaderId === null ? undefined : String(rule.leaderId),
      ...abuseSettings(db()),
    },
    leaders: leadershipPeople(db()),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "admin");
  const submission = parseWithZod(await request.formData(), { schema: settingsSchema });
  if (submission.status !== "success") {
    return json(submission.reply(), { status: 400 });
  }
  const { acknowledgementMinutes: minutes, notifySeniorLeadersFrom, seniorLeaderIds, leaderId, wellbeingFollowUpDays, policeReminderHours, chainLevels } = submission.value;
  const known = new Set(leadershipPeople(db()).map((person) => person.id));
  if (![...seniorLeaderIds, leaderId].every((id) => known.has(id))) {
    return json(submission.reply({ formErrors: ["Choose people from the lists: someone chosen is no longer in senior leadership."] }), { status: 400 });
  }
  setAcknowledgementMinutes(db(), minutes);
  setSeverityRule(db(), { notifySeniorLeadersFrom, seniorLeaderIds, leaderId });
  setAbuseSettings(db(), { wellbeingFollowUpDays, policeReminderHours, chainLevels });
  return redirectWithNotice(
    "/admin/settings",
    `Settings saved. Line managers now have ${minutes} minute${minutes === 1 ? "" : "s"} to acknowledge a report; senior leaders are told from ${SEVERITY_LABELS[notifySeniorLeadersFrom].toLowerCase()} severity; abuse reports are read by managers up to ${chainLevels} level${chainLevels === 1 ? "" : "s"} above the member of staff.`,
  );
}

export default function Settings() {
  const { current, leaders } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useValidatedForm(settingsSchema, lastResult, current);
  const leaderOptions = leaders.map((person) => ({ value: String(person.id), label: `${person.name}, ${person.jobTitle}` }));
  return (
    <div className="max-w-2xl">
      <h1 className="mb-6 text-3xl font-bold">Settings</h1>
      <ErrorSummary form={form} fields={fields} />
      <Form method="post" {...getFormProps(form)} noValidate>
        <TextField
          field={fields.acknowledgementMinutes}
          label="Acknowledgement deadline, in minutes"
          hint="How long a line manager has to acknowledge a mistaken-post report before the next most senior officer is asked. Haringey practice notes 4.2.5 say immediately."
          type="number"
          className="max-w-[8rem]"
        />
        <h2 className="mb-2 mt-8 text-2xl font-bold">Severity rule</h2>
        <p className="mb-4">
          After Communications assess the reputational risk of a mistaken post, these senior leaders are emailed when the
          severity reaches the level you choose (Haringey practice notes 4.2.5, step 1).
        </p>
        <ChoiceField
          field={fields.notifySeniorLeadersFrom}
          legend="Tell senior leaders when the severity is at least"
          type="radio"
          inline
          options={SEVERITIES.map((severity) => ({ value: severity, label: SEVERITY_LABELS[severity] }))}
        />
        <ChoiceField field={fields.seniorLeaderIds} legend="Senior leaders to tell" hint="People with the senior leadership role." type="checkbox" options={leaderOptions} />
        <SelectField field={fields.leaderId} label="The Leader" hint="Made aware at step 5 when a post could become a reputational issue." placeholder="Choose the Leader" options={leaderOptions} />
        <h2 className="mb-2 mt-8 text-2xl font-bold">Abuse of staff</h2>
        <TextField
          field={fields.wellbeingFollowUpDays}
          label="Wellbeing follow-up, in days after support is recorded"
          hint="The line manager is reminded to check in with the member of staff (Barnsley policy, section 7)."
          type="number"
          className="max-w-[8rem]"
        />
        <TextField
          field={fields.policeReminderHours}
          label="Police reminder, every so many hours"
          hint="Until a police report, or the reason not to make one, is recorded."
          type="number"
          className="max-w-[8rem]"
        />
        <p className="mb-6">A change to these two applies to reports made from now on, not to reports already under way.</p>
        <TextField
          field={fields.chainLevels}
          label="Managers who can read a report, in levels above the member of staff"
          hint="1 is the line manager only; 2 is the line manager and their manager. Managers higher up do not see the report. A change applies at once, to every report, old and new."
          type="number"
          className="max-w-[8rem]"
        />
        <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
      </Form>
    </div>
  );
}
