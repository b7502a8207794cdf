import type { FastifyInstance } from "fastify";
import { loadConfig } from "../../../config.js";
import type { PlanDocument } from "../../../core/plan/plan.schema.js";
import { importPlan, type Clock } from "../../../core/plan/plan.service.js";
import type { DialectName } from "../../../db/connection.js";
import { openTestDatabase, type TestDatabase } from "../../../test/databases.js";
import { kadoma } from "../../../test/fixtures.js";
import { createApp } from "../../app.js";

/** 1 June 2025 in Tokyo: fiscal year 2025 (令和7年度), the second year of Kadoma's plan. */
export const FIXED_NOW = new Date("2025-06-01T03:00:00Z");
export const fixedClock: Clock = { now: () => FIXED_NOW };

/** The two classic payloads: a script element, and an attribute break-out with an event handler. */
export const XSS = {
  script: "<script>alert(1)</script>",
  img: `"><img src=x onerror=alert(1)>`,
} as const;

/**
 * Kadoma's plan with the payloads in every kind of field a page shows: plan title, strategy and
 * measure names, and action 1's name, tag, description, records, schedule, challenges and
 * recovery note. A page that wrote any of them as HTML would run a script.
 */
export function xssPlan(): PlanDocument {
  const doc = kadoma();
  doc.plan.id = "xss";
  doc.plan.title = `${XSS.script} 計画`;
  doc.plan.source = XSS.img;
  doc.strategies[0]!.name = `${XSS.img} 戦略`;
  doc.strategies[0]!.subtitle = XSS.script;
  doc.measures[0]!.name = `${XSS.script} 施策`;
  const a = doc.actions[0]!;
  a.name = `${XSS.script} 先端設備`;
  a.tags = [XSS.img];
  a.description = [
    { kind: "ongoing", text: `${XSS.img} 説明` },
    { kind: "planned", text: XSS.script },
  ];
  a.records = a.records.map((r) => ({ ...r, text: `${XSS.script} ${XSS.img} ${r.text}` }));
  a.schedule = [{ from: 2024, to: 2025, label: XSS.img }];
  a.challenges = [XSS.script, XSS.img];
  a.recovered = [{ field: XSS.img, from: XSS.script, note: XSS.img }];
  a.evaluations = [{ fiscalYear: 2024, grade: "A", direction: "continue", analysis: XSS.script }];
  a.indicators = a.indicators.map((i) => ({ ...i, name: XSS.img, source: XSS.script }));
  return doc;
}

export interface PagesApp {
  app: FastifyInstance;
  db: TestDatabase;
  close(): Promise<void>;
}

/** An app on a fresh test database holding the plans given (Kadoma by default), on a fixed clock. */
export async function startPagesApp(
  dialect: DialectName,
  docs: PlanDocument[] = [kadoma()],
): Promise<PagesApp> {
  const db = await openTestDatabase(dialect);
  for (const doc of docs) await db.db.transaction().execute((trx) => importPlan(trx, doc));
  const app = await createApp({ config: loadConfig({ LOG_LEVEL: "silent" }), db: db.db, clock: fixedClock });
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
