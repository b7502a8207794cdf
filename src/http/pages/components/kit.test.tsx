import { render } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { ConfirmStep, isConfirmed } from "./confirm-step.js";
import { DataTable, Pager } from "./data-table.js";
import { FacetList } from "./facets.js";
import { ErrorSummary, errorFor, TextField } from "./form-fields.js";
import { kitText } from "./kit-text.js";
import { hrefWith, pageOf, sortOf } from "./query.js";
import { RangeInput, readRange } from "./range-input.js";

const ja = kitText("ja");
const q = (s: string) => new URLSearchParams(s);

describe("the page kit", () => {
  it("ties a field's hint and error to its input, and the summary links to the field", () => {
    const issues = [{ path: "profile.name", message: "名前を入力してください" }];
    const field = render(
      <TextField id="name" label="企業名" hint="登記上の名前" error={errorFor(issues, "profile.name")} />,
    );
    expect(field).toContain('aria-describedby="name-hint name-error"');
    expect(field).toContain('aria-invalid="true"');
    expect(field).toContain("名前を入力してください");
    const summary = render(<ErrorSummary text={ja} issues={issues} fields={{ "profile.name": "name" }} />);
    expect(summary).toContain('<a href="#name">名前を入力してください</a>');
    // An issue deeper than any field links to the nearest field above it.
    const nested = render(
      <ErrorSummary
        text={ja}
        issues={[{ path: "equipment[2].specs", message: "x" }]}
        fields={{ equipment: "eq" }}
      />,
    );
    expect(nested).toContain('href="#eq"');
    expect(render(<ErrorSummary text={ja} issues={[]} fields={{}} />)).toBe("");
  });

  it("keeps the filters in sort and page links, and falls back on a stale sort", () => {
    expect(hrefWith("/c", q("process=a&process=b&page=3&lang=en"), { sort: "-name", page: undefined })).toBe(
      "/c?process=a&process=b&sort=-name",
    );
    expect(sortOf(q("sort=-updated"), ["name", "updated"], { key: "name", direction: "asc" })).toEqual({
      key: "updated",
      direction: "desc",
    });
    expect(sortOf(q("sort=phone"), ["name"], { key: "name", direction: "asc" }).key).toBe("name");
    expect(pageOf(q("page=0"))).toBe(1);
    expect(pageOf(q("page=abc"))).toBe(1);
    expect(pageOf(q("page=7"))).toBe(7);
  });

  it("renders a table whose headers sort by link and a pager with the counts", () => {
    const rows = [{ id: "a", name: "A社", n: 3 }];
    const html = render(
      <DataTable
        text={ja}
        caption="企業"
        columns={[
          { key: "name", label: "名前", sortable: true, cell: (r) => r.name },
          { key: "n", label: "数", numeric: true, cell: (r) => r.n },
        ]}
        rows={rows}
        rowKey={(r) => r.id}
        sort={{ key: "name", direction: "asc" }}
        path="/c"
        query={q("town=北岸和田&page=2")}
      />,
    );
    expect(html).toContain('aria-sort="ascending"');
    // Clicking the sorted column reverses it and goes back to page 1, keeping the filter.
    expect(html).toContain(`href="/c?town=${encodeURIComponent("北岸和田")}&amp;sort=-name"`);
    const pager = render(
      <Pager text={ja} total={45} page={2} pageSize={20} path="/c" query={q("q=溶接&page=2")} />,
    );
    expect(pager).toContain("45件中 21〜40件");
    expect(pager).toContain('rel="prev"');
    expect(pager).toContain(`href="/c?q=${encodeURIComponent("溶接")}&amp;page=3"`);
    expect(pager).toContain('aria-current="page"');
  });

  it("lists facet values with their counts, hiding empty ones unless chosen", () => {
    const html = render(
      <FacetList
        text={ja}
        name="process"
        legend="加工"
        hideEmpty
        items={[
          { value: "切削加工", label: "切削加工", count: 4, selected: false },
          { value: "旋盤加工", label: "旋盤加工", count: 0, selected: true, depth: 1 },
          { value: "めっき", label: "めっき", count: 0, selected: false },
        ]}
      />,
    );
    expect(html).toContain('切削加工<span class="kit-facet__count">（4件）</span>');
    expect(html).toContain("kit-depth-1");
    expect(html).toContain("checked");
    expect(html).not.toContain("めっき");
  });

  it("reads a range through the given unit parser, naming the refused end", () => {
    const tonnes = (text: string) => {
      const m = /^(\d+)\s*(t|kN)$/.exec(text);
      if (!m) return { ok: false as const, error: `"${text}" has no unit` };
      return { ok: true as const, value: m[2] === "t" ? Number(m[1]) * 9.80665 : Number(m[1]) };
    };
    expect(readRange(q("forceMin=200t&forceMax=3000kN"), "force", tonnes)).toMatchObject({
      min: 1961.33,
      max: 3000,
      issues: [],
    });
    expect(readRange(q("forceMin=abc"), "force", tonnes).issues).toEqual([
      { path: "forceMin", message: '"abc" has no unit' },
    ]);
    expect(readRange(q("forceMin=300kN&forceMax=100kN"), "force", tonnes).issues[0]!.path).toBe("forceMin");
    const html = render(<RangeInput text={ja} name="force" label="加圧能力" unit="kN" min="200t" />);
    expect(html).toContain('id="forceMin"');
    expect(html).toContain('value="200t"');
    expect(html).toContain("kN");
  });

  it("asks again before an irreversible step and only proceeds with the confirmation", () => {
    const html = render(
      <ConfirmStep
        text={ja}
        title="却下しますか"
        action="/x"
        fields={{ _csrf: "t", reason: "重複" }}
        cancelHref="/y"
      >
        <p>変更を却下します</p>
      </ConfirmStep>,
    );
    expect(html).toContain('name="confirmed" value="yes"');
    expect(html).toContain('name="reason" value="重複"');
    expect(html).toContain("この操作は取り消せません");
    expect(isConfirmed({ reason: "重複" })).toBe(false);
    expect(isConfirmed({ confirmed: "yes" })).toBe(true);
  });
});
