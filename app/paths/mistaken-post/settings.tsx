import { z } from "zod";
import { SEVERITIES, SEVERITY_LABELS } from "../../../machines/mistaken-post";
import { ChoiceField, SelectField, TextAreaField, TextField, type AnyFields } from "../../components/forms";
import { crisisTemplateFields, DUE_UNITS, TASK_OWNER_ROLES } from "./crisis-template";
import { RowField, rowsOf } from "./row-field";

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
  ...crisisTemplateFields,
});

export interface SettingsShown {
  leaders: { id: number; name: string; jobTitle: string }[];
  /** How many task rows the template form shows: those saved and a few spare. */
  templateRows: number;
}

export function SettingsFieldset({ fields, shown }: { fields: AnyFields; shown: SettingsShown }) {
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
      <CrisisTemplateFields fields={fields} rows={shown.templateRows} />
    </>
  );
}

const roleOptions = Object.entries(TASK_OWNER_ROLES).map(([value, label]) => ({ value, label }));
const unitOptions = Object.entries(DUE_UNITS).map(([value, label]) => ({ value, label }));

/** The crisis template: Communications fill a crisis plan from it in one click. */
function CrisisTemplateFields({ fields, rows }: { fields: AnyFields; rows: number }) {
  const tasks = rowsOf(fields.crisisTasks);
  return (
    <>
      <h2 className="mb-2 mt-8 text-2xl font-bold">Crisis template</h2>
      <p className="mb-4">
        When Communications make a crisis plan they can start from this template: its holding statement and tasks fill the
        plan, and they change anything before putting it in force. Each task goes to someone in the role you choose, due
        that long after the template is used.
      </p>
      <TextAreaField field={fields.crisisHoldingStatement} label="Holding statement" rows={4} />
      <fieldset className="mb-6">
        <legend className="label">Template tasks</legend>
        <span className="hint">Leave spare rows blank. To remove a task, clear its row.</span>
        {Array.from({ length: rows }, (_, index) => {
          const task = tasks[index];
          const name = (field: string) => `crisisTasks[${index}].${field}`;
          return (
            <div key={index} className="mt-3 grid gap-x-4 border-l-4 border-gray-300 pl-3 sm:grid-cols-[2fr_1fr_1fr]">
              <RowField label={`Task ${index + 1}`} name={name("title")} error={task?.title.errors} defaultValue={task?.title.initialValue} />
              <RowField label={`Owner of task ${index + 1}`} name={name("ownerRole")} error={task?.ownerRole.errors} defaultValue={task?.ownerRole.initialValue} options={roleOptions} placeholder="Choose a role" />
              <div className="grid grid-cols-2 gap-x-2">
                <RowField label={`Task ${index + 1} due after`} name={name("dueIn")} error={task?.dueIn.errors} defaultValue={task?.dueIn.initialValue} type="number" />
                <RowField label={`Unit for task ${index + 1}`} name={name("dueUnit")} error={task?.dueUnit.errors} defaultValue={task?.dueUnit.initialValue ?? "minutes"} options={unitOptions} />
              </div>
            </div>
          );
        })}
      </fieldset>
    </>
  );
}
