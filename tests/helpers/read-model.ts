import type { ActingPerson, Assignee } from "../../machines/kit";

/** Whether a piece of work names this person, or a role they hold. */
export function mayDo(assignees: readonly Assignee[], who: ActingPerson): boolean {
  return assignees.some((assignee) => ("personId" in assignee ? assignee.personId === who.id : who.roles.includes(assignee.role)));
}
