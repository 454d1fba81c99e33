/** What evidence may be uploaded: shared with the browser, which offers only these in its file picker. */
export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

export const EVIDENCE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf"] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
