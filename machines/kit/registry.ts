import type { PathDefinition } from "./path";

/**
 * The lookups every reader of the paths uses, made from one list of definitions: machines/registry.ts
 * makes the real one; a test may make one with an extra path of its own.
 */
export function definitionRegistry<const Definitions extends readonly PathDefinition[]>(definitions: Definitions) {
  type Kind = Definitions[number]["kind"];
  const byKind = new Map<string, PathDefinition>(definitions.map((path) => [path.kind, path]));
  return {
    PATH_DEFINITIONS: definitions,
    isIncidentKind(kind: string): kind is Kind {
      return byKind.has(kind);
    },
    escalationPathFor(kind: string): PathDefinition {
      const path = byKind.get(kind);
      if (!path) throw new Error(`Unknown incident kind: ${kind}`);
      return path;
    },
    /** The paths whose every incident this person may read through one of their roles. */
    kindsReadableByRole(roles: readonly string[]): Kind[] {
      return definitions.filter((path) => path.readersByRole.some((role) => roles.includes(role))).map((path) => path.kind);
    },
  };
}
