/** What is known of a stored evidence file; the bytes stay on disk, the facts go in the record. */
export interface EvidenceFacts {
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storagePath: string;
}

/** Just the facts the record keeps of a stored file (a stored upload carries more, its path on disk). */
export function evidenceFactsOf(file: EvidenceFacts): EvidenceFacts {
  return { originalName: file.originalName, mediaType: file.mediaType, sizeBytes: file.sizeBytes, sha256: file.sha256, storagePath: file.storagePath };
}
