import type { ReactElement } from "react";
import type { EmailContracts, EmailDataOf } from "../machines/kit";

/** What every incident email receives besides its contract's data: stored with the row, plus the link. */
export interface IncidentEmailData {
  reference: string;
  title: string;
  /** Absolute link to the incident page, added when the email is sent. */
  incidentUrl: string;
}

/** The props of one template: the common fields and what its contract says it carries. */
export type EmailProps<Contracts extends EmailContracts<never>, Name extends keyof Contracts> = IncidentEmailData & EmailDataOf<Contracts, Name>;

export interface EmailTemplate<Data> {
  subject: (data: Data) => string;
  component: (data: Data) => ReactElement;
}

/** A path's templates: exactly one per contract, each taking the data its contract returns. */
export type EmailTemplates<Contracts extends EmailContracts<never>> = {
  [Name in keyof Contracts]: EmailTemplate<EmailProps<Contracts, Name>>;
};
