/** How many characters of a post name it in a label or a timeline entry. */
const EXCERPT_LENGTH = 40;

/** The opening words of a text, cut at a word and ended with an ellipsis when longer, on one line. */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= length) return line;
  const cut = line.slice(0, length);
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s.,;:!?-]+$/, "")}…`;
}
