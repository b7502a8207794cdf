import type { FastifyInstance, InjectOptions } from "fastify";
import { exportCsv } from "../../io/csv/csv-export.js";
import { assignActionOwner } from "../../core/access/action-owners.js";
import { roleRank, type Role } from "../../core/access/roles.js";
import type { Account } from "../../core/accounts/account.model.js";
import { createAccessToken } from "../../core/accounts/token.service.js";
import { systemActor } from "../../core/audit/audit.js";
import { listProposals } from "../../core/indicators/proposals.service.js";
import { getActionForEdit, updateAction } from "../../core/plan/plan.edit.js";
import { loadPlanRows, type Db } from "../../core/plan/plan.repository.js";
import { importPlan } from "../../core/plan/plan.service.js";
import { openCycle } from "../../core/review/cycle.service.js";
import type { Actor } from "../../core/review/review.permissions.js";
import { findReview } from "../../core/review/review.repository.js";
import { EMPTY_CONTENT } from "../../core/review/review.schema.js";
import { approveReview, saveDraft, submitReview } from "../../core/review/review.service.js";
import { testAccount } from "../../test/accounts.js";
import type { TestDatabase } from "../../test/databases.js";
import { smallPlan } from "../../test/fixtures.js";

export const acting = { actor: systemActor("authorization test") };
const manager: Actor = { id: "table-manager", role: "plan_manager", name: "table manager" };
/** The fiscal year of every review the table opens (inside the small plan's 2024–2028). */
export const REVIEW_YEAR = 2025;
const cycleInput = { fiscalYear: REVIEW_YEAR, asOf: "2026-02-28", deadline: "2099-03-15" };

export type ReviewState = "not_started" | "draft" | "submitted" | "approved";

/** State the table's requests need, made fresh for each call so calls do not disturb each other. */
export class Fixtures {
  /** The company the table's company member belongs to (the portal tables make it exist). */
  memberCompanyId = "c-table-member";
  #plans = 0;
  #mails = 0;
  readonly #usedProposals = new Set<string>();

  constructor(
    readonly t: TestDatabase,
    readonly app: FastifyInstance,
  ) {}

  /** The URL of the stylesheet the pages link to (its name carries a content hash). */
  async stylesheetUrl(): Promise<string> {
    const home = await this.app.inject({ method: "GET", url: "/" });
    const href = /href="(\/assets\/[^"]+\.css)"/.exec(home.body)?.[1];
    if (!href) throw new Error("the home page links no stylesheet");
    return href;
  }

  /** Opens the review of REVIEW_YEAR on a plan (Kadoma's, for the table's reads). */
  async openReview(planId: string): Promise<void> {
    await this.t.db.transaction().execute((trx) => openCycle(trx, planId, cycleInput, { actor: manager }));
  }

  uniqueEmail(): string {
    return `made${++this.#mails}-${Date.now()}@city.example`;
  }

  /** A fresh account to act upon. */
  target(role: Role = "viewer"): Promise<Account> {
    return testAccount(this.t.db, { role });
  }

  async tokenOf(accountId: string): Promise<string> {
    const { token } = await createAccessToken(
      this.t.db,
      accountId,
      { name: "x", scope: "read", expiresInDays: 1 },
      acting,
    );
    return token.id;
  }

  /** An upload of the small plan `planId` as the city's CSV, with one challenge added. */
  csvUpload(planId: string, step: "preview" | "import"): InjectOptions {
    const doc = smallPlan({ id: planId });
    doc.actions[0]!.challenges.push("表の確認");
    return {
      method: "POST",
      url: `/api/v1/plans/${planId}/import${step === "preview" ? "/preview" : ""}`,
      headers: { "content-type": "text/csv" },
      payload: Buffer.from(exportCsv(doc)),
    };
  }

  /** A new small plan of its own (actions 1 and 2), with the review of REVIEW_YEAR open if asked. */
  async plan(options: { cycle?: boolean } = {}): Promise<string> {
    const id = `authz-${++this.#plans}`;
    await this.t.db.transaction().execute((trx) => importPlan(trx, smallPlan({ id })));
    if (options.cycle) await this.openReview(id);
    return id;
  }

  /**
   * A fresh plan whose action 1 has a review in the given state, assigned to the caller when the
   * caller is an action owner. Returns the plan and the review's version to build on.
   */
  async review(state: ReviewState, caller: Account | null): Promise<{ planId: string; version: number }> {
    const planId = await this.plan({ cycle: true });
    if (caller && roleRank(caller.role) >= roleRank("action_owner")) {
      await assignActionOwner(this.t.db, { planId, actionNumber: 1, accountId: caller.id }, acting);
    }
    const db = this.t.db;
    const version = async (trx: Db = db) => (await findReview(trx, planId, REVIEW_YEAR, 1))!.version;
    const step = (fn: (trx: Db, baseVersion: number) => Promise<unknown>) =>
      db.transaction().execute(async (trx) => fn(trx, await version(trx)));
    if (state !== "not_started") {
      const content = { ...EMPTY_CONTENT, results: "説明会を3回開いた" };
      await step((trx, baseVersion) =>
        saveDraft(trx, planId, REVIEW_YEAR, 1, { baseVersion, content }, { actor: manager }),
      );
    }
    if (state === "submitted" || state === "approved") {
      await step((trx, baseVersion) =>
        submitReview(trx, planId, REVIEW_YEAR, 1, baseVersion, { actor: manager }),
      );
    }
    if (state === "approved") {
      await step((trx, baseVersion) =>
        approveReview(trx, planId, REVIEW_YEAR, 1, baseVersion, { actor: manager }),
      );
    }
    return { planId, version: await version() };
  }

  /** The version an edit of the action starts from, after one edit so there is history to restore. */
  async editedAction(planId: string, number: number): Promise<{ version: number }> {
    const { action, version } = await getActionForEdit(this.t.db, planId, number);
    const renamed = { ...action, name: `${action.name}（改）` };
    const outcome = await this.t.db
      .transaction()
      .execute((trx) =>
        updateAction(trx, planId, number, { baseVersion: version, action: renamed }, { actor: "table" }),
      );
    return { version: outcome.version };
  }

  /**
   * A fresh plan whose action 1 is assigned to the caller when the caller is an action owner (or
   * above): what an owner may edit. Returns the plan's id.
   */
  async ownedAction(caller: Account | null): Promise<string> {
    const planId = await this.plan();
    if (caller && roleRank(caller.role) >= roleRank("action_owner")) {
      await assignActionOwner(this.t.db, { planId, actionNumber: 1, accountId: caller.id }, acting);
    }
    return planId;
  }

  async actionForEdit(planId: string, number: number) {
    return getActionForEdit(this.t.db, planId, number);
  }

  async planVersion(planId: string): Promise<number> {
    return (await loadPlanRows(this.t.db, planId))!.plan.version;
  }

  /** A proposed indicator value of Kadoma's plan that no earlier call used. */
  async proposal(caller: Account | null = null): Promise<string> {
    const proposals = await listProposals(this.t.db, "kadoma");
    const next = proposals.find((p) => p.status === "proposed" && !this.#usedProposals.has(p.id));
    if (!next) throw new Error("the table ran out of indicator proposals");
    // A company member is refused before anything happens: its call leaves the proposal for others.
    if (caller?.role !== "company_member") this.#usedProposals.add(next.id);
    return next.id;
  }
}
