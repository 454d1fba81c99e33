/**
 * The reputational risk assessment Communications make at step 3 of Haringey practice notes
 * 4.2.5. Pure, so the form can show the severity as it is filled in and the machine can act on
 * the same figure.
 */

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
  critical: "Critical",
};

/** Each scale runs 1 to 5; the words say what each point means. */
export const RISK_SCALES = {
  likelihood: ["Very unlikely to spread", "Unlikely", "Possible", "Likely", "Almost certain to spread"],
  impact: ["Negligible", "Minor embarrassment", "Moderate: complaints likely", "Serious: trust damaged", "Severe: harm to people or services"],
  reach: ["A handful of people", "Our usual followers", "Local community beyond our followers", "Regional, or local media", "National, or going viral"],
} as const;

export const AGGRAVATING_FACTORS = {
  personal_data: "Personal data was posted",
  vulnerable_person: "A vulnerable person is involved",
  legal_proceedings: "It touches legal proceedings",
  pre_election: "We are in the pre-election period (Haringey 4.2.6)",
  media_interest: "Journalists are already asking",
} as const;
export type AggravatingFactor = keyof typeof AGGRAVATING_FACTORS;

export const RISK_DECISIONS = {
  respond: "Respond as the organisation",
  investigate: "Investigate before deciding",
  do_not_engage: "Do not engage",
} as const;
export type RiskDecision = keyof typeof RISK_DECISIONS;

export interface RiskScores {
  likelihood: number;
  impact: number;
  reach: number;
  factors: AggravatingFactor[];
}

/**
 * Likelihood × impact gives the band of a standard 5×5 risk matrix (1–4 low, 5–9 medium, 10–16
 * high, 17–25 critical). A wide reach (4 or 5) or any aggravating factor raises it one band.
 */
export function severityOf(scores: RiskScores): Severity {
  const product = scores.likelihood * scores.impact;
  let band = product >= 17 ? 3 : product >= 10 ? 2 : product >= 5 ? 1 : 0;
  if (scores.reach >= 4 || scores.factors.length > 0) band = Math.min(3, band + 1);
  return SEVERITIES[band];
}

export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(threshold);
}
