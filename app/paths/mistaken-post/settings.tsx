import { z } from "zod";
import { SEVERITIES, SEVERITY_LABELS } from "../../../machines/mistaken-post";
import { ChoiceField, SelectField, TextField, type AnyFields } from "../../components/forms";

const minutesMessage = "Enter the deadline as a whole number of minutes from 1 to 1,440 (24 hours)";

export const settingsSchema = z.object({
  acknowledgementMinutes: z
    .number({ required_error: "Enter the acknowledgement deadline in minutes", invalid_type_error: minutesMessage })
    .int(minutesMessage)
    .min(1, minutesMessage)
    .max(1440, minutesMessage),
  notifySeniorLeadersFrom: z.enum(SEVERITIES, { required_error: "Choose the severity from which senior leaders are told" }),
  seniorLeaderIds: z.array(z.coerce.number().int().positive(), { required_error: "Choose at least one senior leader to tell" }).min(1, "Choose at least one senior leader to tell"),
  leaderId: z.coerce.number({ required_error: "Choose the Leader", invalid_type_error: "Choose the Leader" }).int().positive("Choose the Leader"),
});

export function SettingsFieldset({ fields, shown }: { fields: AnyFields; shown: { leaders: { id: number; name: string; jobTitle: string }[] } }) {
  const leaderOptions = shown.leaders.map((person) => ({ value: String(person.id), label: `${person.name}, ${person.jobTitle}` }));
  return (
    <>
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
    </>
  );
}
