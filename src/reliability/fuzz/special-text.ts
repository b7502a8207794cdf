import fc from "fast-check";

/**
 * Cell values that have broken importers elsewhere: huge cells, formulas and HTML, control
 * characters and lone surrogates, era years that do not exist, numbers, nothing at all.
 */
const CONTROL = [
  "\u0000",
  "\u0001",
  "\u0008",
  "\u000b",
  "\u000c",
  "\u001b",
  "\u001f",
  "\u007f",
  "\u0085",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffe",
  "\uffff",
  "\ud800",
  "\udfff",
  "\r",
  "\n",
  "\t",
];

export const specialText: fc.Arbitrary<string> = fc.oneof(
  fc
    .record({
      ch: fc.constantFrom("あ", "A", "𠮷", '"', ",", "\n", "●", "・", "【"),
      n: fc.integer({ min: 500, max: 40_000 }),
    })
    .map(({ ch, n }) => ch.repeat(n)),
  fc.constantFrom(
    "=1+1",
    "=ROW()",
    "+cmd|' /C calc'!A0",
    "@SUM(A1:A3)",
    "-2+3",
    '=HYPERLINK("http://example.com","x")',
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</t></si>",
    "]]>",
    "&amp;",
    "<![CDATA[x]]>",
  ),
  fc.string({ unit: fc.constantFrom(...CONTROL), minLength: 1, maxLength: 8 }),
  fc.constantFrom(
    "令和0年度",
    "平成32年度",
    "令和元年度",
    "R6",
    "H31",
    "明治元年",
    "昭和64年度",
    "大正15年",
    "２０２４年度",
    "FY2024",
    "0000年",
    "9999年度",
    "令和6年2月30日",
    "0000-01-01",
    "令和7年2月末",
    "1-1",
    "99-99",
    "①",
    "(P48)",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.oneof(fc.integer(), fc.double()).map(String),
  fc.constant(""),
);

/** Text inserted into the middle of a file: control characters and the file formats' own syntax. */
export const insertedText: fc.Arbitrary<string> = fc.oneof(
  specialText,
  fc.constantFrom('"', '""', ",", "\t", "\r\n", "\n\n", "{", "}", "[", "]", ":", "\\", "\\u", "\ufeff"),
);
