/** What every incident email receives: written by db/ with the outbox row, plus the link. */
export interface IncidentEmailData<Context = unknown> {
  reference: string;
  title: string;
  kind: string;
  /** Absolute link to the incident page, added when the email is sent. */
  incidentUrl: string;
  /** The incident's machine context when the email was queued. */
  context: Context;
}
