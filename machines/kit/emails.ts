/**
 * The email contract of a path: for each template, the data its email carries, as a pure
 * function of the incident's context (and the extra data its notify action gives). db/ stores
 * only what the contract returns with each outbox row, and emails/<path>/ types each template's
 * props from it, so an email carries no more than it shows (decisions 4 and 10).
 */
import type { Recipients } from "./effects";

/** Plain data a notify action gives beyond the incident itself (e.g. which crisis task). */
export type EmailExtra = Record<string, string | number | boolean | null>;

/** What an outbox row stores for one template: plain JSON data. */
export type EmailData = Record<string, unknown>;

/** A template's contract; the extra data, when it takes any, is its second parameter. */
export type EmailContract<Context> = (context: Context, extra: never) => EmailData;

export type EmailContracts<Context> = Record<string, EmailContract<Context>>;

/** The data a template of these contracts receives, beyond the reference, title and link. */
export type EmailDataOf<Contracts extends EmailContracts<never>, Name extends keyof Contracts> = ReturnType<Contracts[Name]>;

/** The extra data a contract takes from its notify action, or undefined when it takes none. */
type ExtraOf<Contract> = Contract extends (...args: infer Args) => unknown ? (Args extends [unknown, infer Extra] ? Extra : undefined) : never;

/** A notify action's params for a path: one of its own templates, with the extra data it takes. */
export type NotifyOf<Contracts extends EmailContracts<never>> = {
  [Name in keyof Contracts & string]: { template: Name; to: Recipients } & (ExtraOf<Contracts[Name]> extends undefined
    ? { data?: undefined }
    : { data: ExtraOf<Contracts[Name]> });
}[keyof Contracts & string];

/** The notify action of a path whose emails are these contracts (a placeholder, like effectActions). */
export function notifyOf<Contracts extends EmailContracts<never>>() {
  return (_: unknown, _params: NotifyOf<Contracts>) => {};
}

/**
 * What one template's email carries of this context. The machine's typed notify action gave the
 * extra data the contract takes; a template the path does not have is an error, never a blank email.
 */
export function emailDataOf(contracts: EmailContracts<never>, template: string, context: unknown, extra: EmailExtra | undefined): EmailData {
  if (!Object.hasOwn(contracts, template)) throw new Error(`No email contract for the template "${template}"`);
  return contracts[template](context as never, extra as never);
}
