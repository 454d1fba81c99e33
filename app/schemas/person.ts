import { z } from "zod";
import { requiredText } from "./fields";
// A type-only import: the browser bundle must not pull in Drizzle for the list of roles.
import type { Role } from "../../db/schema";

/** Every role, in the order the form shows them; the Record type fails to compile if one is missing. */
export const ROLE_LABELS: Record<Role, string> = {
  staff: "Staff",
  communications: "Communications team",
  hr_safety: "HR and safety",
  leadership: "Senior leadership",
  admin: "Administrator",
};

export const ROLE_OPTIONS = Object.keys(ROLE_LABELS) as [Role, ...Role[]];

export const PASSWORD_MIN_LENGTH = 12;

export const SENIORITY_HINT = "1 is the Chief Executive; larger numbers are further from the top";

/** The value of the hidden field that tells the edit page's forms apart. */
export const INTENTS = {
  savePerson: "save-person",
  recordAbsence: "record-absence",
  removeAbsence: "remove-absence",
} as const;


const seniorityMessage = "Enter seniority as a whole number from 1 to 10";

const personFields = z.object({
  name: requiredText("Enter their full name", 200, "The name"),
  email: z
    .string({ required_error: "Enter their work email address" })
    .trim()
    .max(254, "The email address must be 254 characters or fewer")
    .email("Enter an email address in the right format, like name@example.gov.uk"),
  jobTitle: requiredText("Enter their job title", 200, "The job title"),
  service: requiredText("Enter the service they work in", 200, "The service"),
  seniority: z
    .number({ required_error: "Enter their seniority, a whole number from 1 to 10", invalid_type_error: seniorityMessage })
    .int(seniorityMessage)
    .min(1, seniorityMessage)
    .max(10, seniorityMessage),
  lineManagerId: z
    .number({ invalid_type_error: "Choose a line manager from the list" })
    .int("Choose a line manager from the list")
    .positive("Choose a line manager from the list")
    .optional(),
  roles: z
    .array(z.enum(ROLE_OPTIONS, { message: "Choose roles from the list" }))
    .min(1, "Choose at least one role"),
});

const password = z
  .string({ required_error: "Enter a password for them" })
  .min(PASSWORD_MIN_LENGTH, `The password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "The password must be 200 characters or fewer");

export const newPersonSchema = personFields.extend({ password });

export const editPersonSchema = personFields.extend({
  // Blank keeps the current password.
  password: password.optional(),
  // An unticked checkbox sends nothing at all.
  active: z.boolean().default(false),
});

export type NewPersonValues = z.infer<typeof newPersonSchema>;
export type EditPersonValues = z.infer<typeof editPersonSchema>;

export const END_BEFORE_START_MESSAGE = "The end date must be the same as or after the start date";

/** True for a real calendar date written YYYY-MM-DD, as an <input type="date"> sends it. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Required, but a missing value is reported by a refinement rather than as a type error: zod
 * skips the object's date-order check after a type error, and the page should show every
 * problem at once.
 */
function present<T extends z.ZodTypeAny>(schema: T, message: string) {
  return schema.optional().refine((value): value is z.output<T> => value !== undefined, message);
}

function calendarDate(missing: string, notReal: string) {
  return present(z.string().trim().refine(isCalendarDate, notReal), missing);
}

export const absenceSchema = z
  .object({
    startsOn: calendarDate("Enter the date the absence starts", "The start date must be a real date, like 23/11/2026"),
    endsOn: calendarDate("Enter the date the absence ends", "The end date must be a real date, like 27/11/2026"),
    reason: present(
      z.string().trim().min(1, "Enter the reason for the absence").max(200, "The reason must be 200 characters or fewer"),
      "Enter the reason for the absence",
    ),
  })
  // Checked only when both dates are real; ISO dates compare correctly as text.
  .refine(
    ({ startsOn, endsOn }) => !(isCalendarDate(startsOn ?? "") && isCalendarDate(endsOn ?? "")) || endsOn >= startsOn,
    { message: END_BEFORE_START_MESSAGE, path: ["endsOn"] },
  );

export type AbsenceValues = z.infer<typeof absenceSchema>;

export const removeAbsenceSchema = z.object({
  absenceId: z.number().int().positive(),
});
