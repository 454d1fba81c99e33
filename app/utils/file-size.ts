/** "20 MB", "2.5 KB": a file's size for people, with at most one decimal. */
export function formatFileSize(bytes: number): string {
  const [amount, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), "MB"] : [bytes / 1024, "KB"];
  return `${Number(amount.toFixed(1))} ${unit}`;
}
