import { z } from "zod";
import { TextField, type AnyFields } from "../../components/forms";

export const settingsSchema = z.object({
  wellbeingFollowUpDays: wholeNumber("Enter the days before the wellbeing follow-up, from 1 to 60", 1, 60),
  policeReminderHours: wholeNumber("Enter the hours between police reminders, from 1 to 168 (a week)", 1, 168),
  chainLevels: wholeNumber("Enter how many levels of managers can read abuse reports, as a whole number from 1 (the line manager only) to 10", 1, 10),
});

function wholeNumber(message: string, min: number, max: number) {
  return z.number({ required_error: message, invalid_type_error: message }).int(message).min(min, message).max(max, message);
}

export function SettingsFieldset({ fields }: { fields: AnyFields }) {
  return (
    <>
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
    </>
  );
}
