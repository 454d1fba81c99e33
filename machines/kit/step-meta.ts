/**
 * What every step (state) of an escalation path says about itself. The incident page, the
 * stepper and the timeline read these; no route keeps its own copy of the sequence.
 */
export interface StepMeta {
  title: string;
  /** What happens at this step, in plain words, for the person looking at the incident. */
  guidance: string;
  /** Who acts at this step. */
  actor: string;
  /** Where the policy says so, e.g. "Haringey practice notes 4.2.5, step 1". */
  source: string;
}

/** Plain-language names for the events a machine accepts, for the timeline. */
export type EventLabels = Record<string, string>;
