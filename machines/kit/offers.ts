import type { AnyMachineSnapshot } from "xstate";
import type { PathDefinition } from "./path";
import type { ActingPerson } from "./people";

/** An event a person could send, with only the parameters that name the item it is for; who and when come with the asking. */
export type OfferedEvent = { type: string } & Record<string, unknown>;

/**
 * For each event people send (the others come from deadlines), the items it could be sent for
 * now: `once` for the incident as a whole, or one entry per item (a crisis task's update). The
 * form's other fields are left out: who may send it is the machine's to say, not what they write.
 */
export type EventOffers<Context, Event extends { type: string }> = {
  [Type in Extract<Event, { by: ActingPerson }>["type"]]: (context: Context) => Partial<Omit<Extract<Event, { type: Type }>, "type" | "at" | "by">>[];
};

/** The event is sent for the incident as a whole. */
export const once = () => [{}];

/**
 * The events this person may send now, each asked of the machine with its real parameters. Need
 * to know: events of a section the viewer may not see are not even asked about.
 */
export function eventsAllowed(
  path: PathDefinition,
  snapshot: AnyMachineSnapshot,
  asking: { by: ActingPerson; at: string; showsEvent: (type: string) => boolean },
): OfferedEvent[] {
  return Object.entries(path.offers)
    .filter(([type]) => asking.showsEvent(type))
    .flatMap(([type, itemsOf]) => itemsOf(snapshot.context).map((item) => ({ type, ...item })))
    .filter((event) => snapshot.can({ ...event, at: asking.at, by: asking.by }));
}
