import { toDocument } from "./plan.mapper.js";
import { findPlanHeader, loadPlanRows, type Db } from "./plan.repository.js";
import type { PlanDocument } from "./plan.schema.js";
import { serializePlan } from "./plan.serialize.js";

export interface CachedPlan {
  doc: PlanDocument;
  /** serializePlan(doc), computed once per revision. */
  json: string;
  /** The same as UTF-8 bytes, so answering does not encode 100 KB per request. */
  body: Buffer;
  /** Changes whenever the plan changes; usable as an HTTP ETag. */
  etag: string;
}

/**
 * Serves whole plans from memory while they are unchanged. Each read checks the plan's revision
 * in the database (one indexed lookup), so several app servers sharing a database never serve a
 * stale plan. Holds at most `capacity` plans, dropping the least recently used.
 */
export class PlanCache {
  private readonly entries = new Map<string, CachedPlan & { stamp: string }>();

  constructor(
    private readonly db: Db,
    private readonly capacity = 100,
  ) {}

  async get(planId: string): Promise<CachedPlan | undefined> {
    const header = await findPlanHeader(this.db, planId);
    if (!header) {
      this.entries.delete(planId);
      return undefined;
    }
    const hit = this.entries.get(planId);
    if (hit && hit.stamp === `${header.revision}/${header.updated_at}`) {
      this.entries.delete(planId);
      this.entries.set(planId, hit);
      return hit;
    }
    const rows = await loadPlanRows(this.db, planId);
    if (!rows) return undefined;
    const doc = toDocument(rows);
    const json = serializePlan(doc);
    const stamp = `${rows.plan.revision}/${rows.plan.updated_at}`;
    const entry = {
      doc,
      json,
      body: Buffer.from(json, "utf8"),
      etag: `"${planId}-${rows.plan.revision}-${Date.parse(rows.plan.updated_at)}"`,
      stamp,
    };
    this.entries.delete(planId);
    this.entries.set(planId, entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return entry;
  }
}
