import type { ComponentChildren } from "preact";
import type { KitText } from "./kit-text.js";
import { hrefWith, sortParam, type SortState } from "./query.js";

/**
 * A table whose sorting and paging are links (`?sort=-updated&page=2`), so it works without
 * JavaScript and every view can be bookmarked. Filtering is the page's own GET form around or
 * above it, whose fields the links keep.
 */
export interface Column<Row, K extends string> {
  /** The `sort` value of a sortable column. */
  key: K | string;
  label: string;
  sortable?: boolean;
  numeric?: boolean;
  cell: (row: Row) => ComponentChildren;
}

export interface DataTableProps<Row, K extends string> {
  text: KitText;
  caption: string;
  columns: readonly Column<Row, K>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  sort: SortState<K>;
  /** Where the links point and the query they keep (filters). */
  path: string;
  query: URLSearchParams;
}

export function DataTable<Row, K extends string>(props: DataTableProps<Row, K>) {
  const { text, sort } = props;
  return (
    <div class="kit-table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table class="kit-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => {
              const current = sort.key === c.key;
              const ariaSort = current ? (sort.direction === "asc" ? "ascending" : "descending") : undefined;
              const nextDirection = current && sort.direction === "asc" ? "desc" : "asc";
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={ariaSort}
                  class={c.numeric ? "kit-table__numeric" : undefined}
                >
                  {c.sortable ? (
                    <a
                      href={hrefWith(props.path, props.query, {
                        sort: sortParam({ key: c.key as K, direction: nextDirection }),
                        page: undefined,
                      })}
                      aria-label={text.sortBy(c.label)}
                    >
                      {c.label}
                      {current ? (
                        <span class="kit-sort-mark" aria-hidden="true">
                          {sort.direction === "asc" ? " ▲" : " ▼"}
                        </span>
                      ) : null}
                    </a>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {props.rows.length === 0 ? (
            <tr>
              <td colSpan={props.columns.length}>{text.none}</td>
            </tr>
          ) : (
            props.rows.map((row) => (
              <tr key={props.rowKey(row)}>
                {props.columns.map((c) => (
                  <td key={c.key} class={c.numeric ? "kit-table__numeric" : undefined}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** "21–40 of 136" and links to the previous and next pages and a few around the current one. */
export function Pager(props: {
  text: KitText;
  total: number;
  page: number;
  pageSize: number;
  path: string;
  query: URLSearchParams;
}) {
  const { text, total, page, pageSize } = props;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const href = (p: number) => hrefWith(props.path, props.query, { page: p === 1 ? undefined : String(p) });
  const around = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav class="kit-pager" aria-label={text.pagination}>
      <p class="kit-pager__status">{total === 0 ? text.none : text.showing(from, to, total)}</p>
      {pages > 1 ? (
        <ul>
          {page > 1 ? (
            <li>
              <a href={href(page - 1)} rel="prev">
                {text.previous}
              </a>
            </li>
          ) : null}
          {around.map((p) => (
            <li key={p}>
              {p === page ? (
                <a href={href(p)} aria-current="page" aria-label={text.pageOf(p, pages)}>
                  {p}
                </a>
              ) : (
                <a href={href(p)} aria-label={text.pageOf(p, pages)}>
                  {p}
                </a>
              )}
            </li>
          ))}
          {page < pages ? (
            <li>
              <a href={href(page + 1)} rel="next">
                {text.next}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
    </nav>
  );
}
