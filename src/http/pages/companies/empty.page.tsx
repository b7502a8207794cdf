import type { Municipality } from "../../../core/municipalities/municipality.js";
import type { PageContext } from "../context.js";
import { companiesText, PortalLayout } from "./portal-layout.js";

/** What a fresh server shows instead of an empty search: how firms get into the registry. */
export function EmptyRegistryPage({ ctx, municipality }: { ctx: PageContext; municipality: Municipality }) {
  const t = companiesText(ctx);
  return (
    <PortalLayout ctx={ctx} municipality={municipality} title={t.emptyTitle}>
      <h1>{t.emptyTitle}</h1>
      <p>{t.emptyIntro}</p>
      <ol class="portal-empty">
        <li>
          {t.emptyImport}
          <pre>
            <code>
              shinko companies import companies.xlsx --dry-run{"\n"}shinko companies import companies.xlsx
            </code>
          </pre>
          {t.emptyImportNote}
        </li>
        <li>{t.emptyInvite}</li>
      </ol>
    </PortalLayout>
  );
}
