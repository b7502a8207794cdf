import { isUniqueViolation } from "../../db/errors.js";
import { DomainError } from "../errors.js";
import type { Db } from "./plan.repository.js";
import { countPlans, importPlan, type ImportOutcome } from "./plan.service.js";

/**
 * Loads the bundled plan when the database holds no plan at all. Only `shinko serve` calls this.
 * When several servers start on one empty database at once, one of them loads the plan and the
 * others find it there.
 */
export async function seedIfEmpty(
  db: Db,
  readDocument: () => Promise<unknown>,
): Promise<ImportOutcome | null> {
  if ((await countPlans(db)) > 0) return null;
  const document = await readDocument();
  try {
    return await db.transaction().execute(async (trx) => {
      if ((await countPlans(trx)) > 0) return null;
      return importPlan(trx, document);
    });
  } catch (error) {
    // Another server created it first (savePlan turns the unique key's refusal into a conflict).
    if (isUniqueViolation(error) || (error instanceof DomainError && error.code === "conflict")) return null;
    throw error;
  }
}
