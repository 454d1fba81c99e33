import { render } from "@react-email/render";
import type { EmailTemplate } from "./types";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/**
 * Renders an email with its template (each path's are in emails/<path>/). The data is what the
 * template's contract returned when the email was queued (db/outbox-data.ts), with the link
 * added: the one place stored JSON is taken as the template's typed props.
 */
export async function renderEmail(template: EmailTemplate<never>, data: Record<string, unknown>): Promise<RenderedEmail> {
  const element = template.component(data as never);
  return {
    subject: template.subject(data as never),
    html: await render(element),
    text: await render(element, { plainText: true }),
  };
}
