/**
 * The city's cells hold several items in one text, each starting with ・ (the line breaks were
 * lost when the table was published). Showing each item on its own line reads far better and
 * changes no character.
 */
export function splitItems(text: string): string[] {
  return text
    .split(/\s+(?=・)/u)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** A cell's text, one line per ・ item. Text only: JSX escapes it. */
export function CellText({ text }: { text: string }) {
  const items = splitItems(text);
  if (items.length <= 1) return <>{text}</>;
  return (
    <>
      {items.map((item, i) => (
        <span class="cell-line" key={i}>
          {item}
        </span>
      ))}
    </>
  );
}
