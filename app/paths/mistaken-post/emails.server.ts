// Through a .server module, so the templates stay out of the browser's bundle.
export { mistakenPostTemplates } from "../../../emails/mistaken-post";
