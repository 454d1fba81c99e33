// Through a .server module, so the templates stay out of the browser's bundle.
export { staffAbuseTemplates } from "../../../emails/staff-abuse";
