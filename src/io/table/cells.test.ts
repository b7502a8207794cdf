import { describe, expect, it } from "vitest";
import {
  cleanText,
  defaultNotePlace,
  isDash,
  isEmpty,
  isRowNumber,
  joinSplitWords,
  looksLikeChallenges,
  marks,
  measureCell,
  newFlag,
  scheduleLabel,
  splitBullets,
  splitDescription,
  splitTags,
  startYearCell,
  strategyCell,
} from "./cells.js";

// Each cell reader on the shapes the official table's cells take once extracted or pasted: line
// breaks turned into spaces, full-width characters, a cell shifted into its neighbour.
describe("the official table's cells", () => {
  it("collapses whitespace (line breaks, full-width spaces) into single spaces, trimmed", () => {
    expect(cleanText("  ものづくり\n\n企業\u3000\u3000支援\t ")).toBe("ものづくり 企業 支援");
    expect(cleanText("a\u3000b")).toBe("a b");
  });

  it("joins words a line break split, between Japanese characters and before Latin letters only", () => {
    expect(joinSplitWords("準 則")).toBe("準則");
    expect(joinSplitWords("デジタル \n 化")).toBe("デジタル化");
    expect(joinSplitWords("門真 DX 推進")).toBe("門真DX 推進");
    expect(joinSplitWords("IoT 導入")).toBe("IoT 導入");
    expect(joinSplitWords("A B")).toBe("A B");
  });

  it("tells empty cells, dashes and row numbers", () => {
    expect([isEmpty(undefined), isEmpty(""), isEmpty(" \n"), isEmpty(" x ")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    for (const dash of ["—", "–", "-", "ー", "－", "―", " - "]) expect(isDash(dash)).toBe(true);
    for (const notDash of ["--", "-1", "1-", "a", ""]) expect(isDash(notDash)).toBe(false);
    for (const n of ["1", " 45 ", "12345"]) expect(isRowNumber(n)).toBe(true);
    for (const n of ["123456", "1a", "a1", "", "1-1"]) expect(isRowNumber(n)).toBe(false);
  });

  it("reads 既存 and 新規, and nothing else", () => {
    expect([newFlag(" 既存 "), newFlag("新規\n"), newFlag("既存事業"), newFlag("")]).toEqual([
      "existing",
      "new",
      null,
      null,
    ]);
  });

  it("reads ◎ and 再掲 in any combination, spread over lines, and refuses other text", () => {
    expect(marks("◎")).toEqual({ priority: true, relist: false });
    expect(marks("再掲")).toEqual({ priority: false, relist: true });
    expect(marks("◎\n再\n掲")).toEqual({ priority: true, relist: true });
    expect(marks("（再掲）")).toEqual({ priority: false, relist: true });
    expect(marks("(再掲)◎")).toEqual({ priority: true, relist: true });
    for (const other of ["", "◎ 重点", "再掲 (No.1)", "x◎", "◎x"]) expect(marks(other)).toBeNull();
  });

  it("reads a strategy cell with its number, name, subtitle and a measure printed beside it", () => {
    expect(strategyCell("（12）イノベーション\n（Change・Chance・Challenge）")).toEqual({
      number: 12,
      name: "イノベーション",
      subtitle: "Change・Chance・Challenge",
      rest: "",
    });
    expect(strategyCell("(1)  人材 の 確保 (ひと)  ① 人材育成")).toEqual({
      number: 1,
      name: "人材の確保",
      subtitle: "ひと",
      rest: "① 人材育成",
    });
    expect(strategyCell("(2)人材(ひと)")).toEqual({ number: 2, name: "人材", subtitle: "ひと", rest: "" });
    for (const other of ["イノベーション (Change)", "x(1) 人材 (ひと)", "(1) 人材", "(a) 人材 (ひと)"])
      expect(strategyCell(other)).toBeNull();
  });

  it("reads a measure cell: circled number, name, page; without the number only where allowed", () => {
    expect(measureCell("① デジタル化 (DX) への 対応・活用 (P48)")).toEqual({
      index: 1,
      name: "デジタル化 (DX) への対応・活用",
      page: 48,
    });
    expect(measureCell("⑳人材（ P.７ ）")).toEqual({ index: 20, name: "人材（ P.７ ）", page: null });
    expect(measureCell("⑳人材（ P. 7 ）")).toEqual({ index: 20, name: "人材", page: 7 });
    expect(measureCell("⑩ 販路開拓(P 12)")).toEqual({ index: 10, name: "販路開拓", page: 12 });
    expect(measureCell("②販路開拓")).toEqual({ index: 2, name: "販路開拓", page: null });
    expect(measureCell("販路開拓 (P12)")).toBeNull();
    expect(measureCell("販路開拓 (P12)", false)).toEqual({ index: null, name: "販路開拓", page: 12 });
    expect(measureCell("販路開拓", false)).toBeNull();
    expect(measureCell("x① 販路", false)).toBeNull();
    expect(measureCell("")).toBeNull();
  });

  it("reads a start-year cell in any era, a dash or blank as none, and says when it is not one", () => {
    expect(startYearCell("平成30年度")).toEqual({ year: 2018 });
    expect(startYearCell(" 令和元年度 ")).toEqual({ year: 2019 });
    expect(startYearCell("2021年度")).toEqual({ year: 2021 });
    expect(startYearCell("Ｒ３年度")).toEqual({ year: 2021 });
    expect(startYearCell("H 30年")).toEqual({ year: 2018 });
    expect(startYearCell("")).toEqual({ year: null });
    expect(startYearCell(" — ")).toEqual({ year: null });
    const wrong = startYearCell("平成99年度");
    expect(wrong?.year).toBeNull();
    expect(wrong?.error).toContain("平成");
    for (const other of [
      "新規",
      "未定年度",
      "令和3",
      "令和3年度から",
      "X3年度",
      "R年度",
      "123年度",
      "30年度",
      "第2021年度",
    ])
      expect(startYearCell(other)).toBeUndefined();
  });

  it("splits challenges at ・ and ● that start the text or follow a space, not inside words", () => {
    expect(splitBullets("・人材の確保\n・販路の開拓 ●後継者")).toEqual([
      "人材の確保",
      "販路の開拓",
      "後継者",
    ]);
    expect(splitBullets("ひと・もの・かね")).toEqual(["ひと・もの・かね"]);
    expect(splitBullets("  ・  ・a  ")).toEqual(["a"]);
    expect(splitBullets("・ 人材 ・ 販路")).toEqual(["人材", "販路"]);
    expect(splitBullets(" — ")).toEqual([]);
    expect(splitBullets(" ")).toEqual([]);
  });

  it("splits a description into ● ongoing and ○ planned parts, keeping unmarked lead text as a guess", () => {
    expect(splitDescription("補助金 の案内 ●窓口相談\n○ 新制度 の検討 ●セミナー")).toEqual([
      { kind: "ongoing", text: "補助金 の案内", unmarked: true },
      { kind: "ongoing", text: "窓口相談" },
      { kind: "planned", text: "新制度 の検討" },
      { kind: "ongoing", text: "セミナー" },
    ]);
    expect(splitDescription("○検討中")).toEqual([{ kind: "planned", text: "検討中" }]);
    expect(splitDescription("相談○件 ●実施")).toEqual([
      { kind: "ongoing", text: "相談○件", unmarked: true },
      { kind: "ongoing", text: "実施" },
    ]);
    expect(splitDescription("● ○ ")).toEqual([]);
    expect(splitDescription("説明のみ")).toEqual([{ kind: "ongoing", text: "説明のみ", unmarked: true }]);
    expect(splitDescription("-")).toEqual([]);
    expect(splitDescription("")).toEqual([]);
  });

  it("takes the trailing 【tags】 off a name, in order, and leaves 【】 inside the name", () => {
    expect(splitTags("ものづくり 企業 支援【デジ タル】 【GX】 ")).toEqual({
      name: "ものづくり企業支援",
      tags: ["デジタル", "GX"],
    });
    expect(splitTags("【重点】企業 支援")).toEqual({ name: "【重点】企業支援", tags: [] });
    expect(splitTags("企業支援【】")).toEqual({ name: "企業支援【】", tags: [] });
    expect(splitTags("支援【A】x")).toEqual({ name: "支援【A】x", tags: [] });
    expect(splitTags("支援【A】x【B】")).toEqual({ name: "支援【A】x", tags: ["B"] });
    expect(splitTags("支援 【A】")).toEqual({ name: "支援", tags: ["A"] });
  });

  it("reads a schedule label without its arrows and line breaks", () => {
    expect(scheduleLabel(" 検討 →\n実施 ⇒ ")).toBe("検討実施");
    expect(scheduleLabel("→")).toBe("");
  });

  it("tells a list of challenges from a schedule label", () => {
    expect(looksLikeChallenges(" ・人材")).toBe(true);
    expect(looksLikeChallenges("●販路")).toBe(true);
    expect(looksLikeChallenges("実施")).toBe(false);
    expect(looksLikeChallenges("あ".repeat(40))).toBe(false);
    expect(looksLikeChallenges(` ${"あ".repeat(41)} `)).toBe(true);
    expect(looksLikeChallenges("実施・検討")).toBe(false);
  });

  it("names a line of the source as people read it", () => {
    expect(defaultNotePlace(12)).toBe("12行目");
  });
});
