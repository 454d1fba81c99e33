/** The roles that may read incidents: every incident of a path, or one that brought them in. */
export type ReadingRole = "communications" | "hr_safety";

export const READING_ROLES: readonly ReadingRole[] = ["communications", "hr_safety"];

/**
 * Who may read one incident besides the people above its reporter in today's reporting lines
 * (worked out when asked, as lines change) and the roles that read every incident of its path:
 * the people the procedure names, and roles this incident has brought in. db/ stores it with
 * every change (incident_access), so lists find what a person may see without opening snapshots.
 */
export interface IncidentAccess {
  personIds: number[];
  roles: ReadingRole[];
}

/**
 * The organisation's settings on who reads what (admin settings): how many levels up the
 * reporter's management chain read an abuse report (1: the line manager only).
 */
export interface ReadingPolicy {
  abuseChainLevels: number;
}

/** The line manager and the next level up: enough to support the person and to act if the manager cannot. */
export const DEFAULT_READING_POLICY: ReadingPolicy = { abuseChainLevels: 2 };

/**
 * How someone comes to read an incident: they reported it, they are a manager within reach (or
 * someone else the procedure names), or through a role (HR and safety on every abuse report,
 * Communications on one they were asked to help with). A path shows each relation only the
 * sections of the record it needs (need to know).
 */
export type ViewerRelation = "reporter" | "manager" | ReadingRole;

export function accessAllows(access: IncidentAccess, viewer: { id: number; roles: readonly string[] }): boolean {
  return access.personIds.includes(viewer.id) || access.roles.some((role) => viewer.roles.includes(role));
}
