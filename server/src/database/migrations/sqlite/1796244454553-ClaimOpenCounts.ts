import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboards' "now" figures from counters kept in the claims' transactions: `claim_open_counts` (claims with a
 * running deadline per org) and `claim_figures.medOpen` (unresolved claims with a mediation deadline), both
 * backfilled here; the late-count indexes reordered to range on the deadline (only the claims still in time are read).
 */
export class ClaimOpenCounts1796244454553 implements MigrationInterface {
  name = 'ClaimOpenCounts1796244454553';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "claim_open_counts" ("orgId" varchar(36) PRIMARY KEY NOT NULL, "running" integer NOT NULL)`);
    await q.query(`CREATE TABLE "temporary_claim_figures" ("orgId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "category" varchar(20) NOT NULL, "handlingTier" integer NOT NULL, "received" integer NOT NULL, "frOnTime" integer NOT NULL, "frAnswered" integer NOT NULL, "medOnTime" integer NOT NULL, "medResolved" integer NOT NULL, "mediated" integer NOT NULL, "withOutcome" integer NOT NULL, "resolved" integer NOT NULL, "agreed" bigint NOT NULL, "recovered" bigint NOT NULL, "rated" integer NOT NULL, "ratingSum" integer NOT NULL, "satisfied" integer NOT NULL, "medOpen" integer NOT NULL DEFAULT (0), PRIMARY KEY ("orgId", "month", "category", "handlingTier"))`);
    await q.query(`INSERT INTO "temporary_claim_figures"("orgId", "month", "category", "handlingTier", "received", "frOnTime", "frAnswered", "medOnTime", "medResolved", "mediated", "withOutcome", "resolved", "agreed", "recovered", "rated", "ratingSum", "satisfied") SELECT "orgId", "month", "category", "handlingTier", "received", "frOnTime", "frAnswered", "medOnTime", "medResolved", "mediated", "withOutcome", "resolved", "agreed", "recovered", "rated", "ratingSum", "satisfied" FROM "claim_figures"`);
    await q.query(`DROP TABLE "claim_figures"`);
    await q.query(`ALTER TABLE "temporary_claim_figures" RENAME TO "claim_figures"`);
    await q.query(`DROP INDEX "ix_claims_unanswered"`);
    await q.query(`DROP INDEX "ix_claims_unresolved"`);
    await q.query(`CREATE INDEX "ix_claims_unanswered" ON "claims" ("firstResponseAt", "firstResponseDueAt", "submittedAt", "orgId") `);
    await q.query(`CREATE INDEX "ix_claims_unresolved" ON "claims" ("resolvedAt", "mediationDueAt", "submittedAt", "orgId") `);
    // backfill: the same counts ClaimFigures keeps from now on
    await q.query(`INSERT INTO "claim_open_counts" ("orgId", "running") SELECT "orgId", COUNT(*) FROM "claims" WHERE "dueAt" IS NOT NULL GROUP BY "orgId"`);
    await q.query(`UPDATE "claim_figures" SET "medOpen" = x.n FROM (SELECT "orgId", strftime('%Y-%m', "submittedAt", '+8 hours') AS m, "category", "handlingTier", COUNT(*) AS n FROM "claims" WHERE "mediationDueAt" IS NOT NULL AND "resolvedAt" IS NULL GROUP BY 1, 2, 3, 4) AS x WHERE "claim_figures"."orgId" = x."orgId" AND "claim_figures"."month" = x.m AND "claim_figures"."category" = x."category" AND "claim_figures"."handlingTier" = x."handlingTier"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_claims_unresolved"`);
    await q.query(`DROP INDEX "ix_claims_unanswered"`);
    await q.query(`CREATE INDEX "ix_claims_unresolved" ON "claims" ("resolvedAt", "submittedAt", "orgId", "mediationDueAt") `);
    await q.query(`CREATE INDEX "ix_claims_unanswered" ON "claims" ("firstResponseAt", "submittedAt", "orgId", "firstResponseDueAt") `);
    await q.query(`ALTER TABLE "claim_figures" RENAME TO "temporary_claim_figures"`);
    await q.query(`CREATE TABLE "claim_figures" ("orgId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "category" varchar(20) NOT NULL, "handlingTier" integer NOT NULL, "received" integer NOT NULL, "frOnTime" integer NOT NULL, "frAnswered" integer NOT NULL, "medOnTime" integer NOT NULL, "medResolved" integer NOT NULL, "mediated" integer NOT NULL, "withOutcome" integer NOT NULL, "resolved" integer NOT NULL, "agreed" bigint NOT NULL, "recovered" bigint NOT NULL, "rated" integer NOT NULL, "ratingSum" integer NOT NULL, "satisfied" integer NOT NULL, PRIMARY KEY ("orgId", "month", "category", "handlingTier"))`);
    await q.query(`INSERT INTO "claim_figures"("orgId", "month", "category", "handlingTier", "received", "frOnTime", "frAnswered", "medOnTime", "medResolved", "mediated", "withOutcome", "resolved", "agreed", "recovered", "rated", "ratingSum", "satisfied") SELECT "orgId", "month", "category", "handlingTier", "received", "frOnTime", "frAnswered", "medOnTime", "medResolved", "mediated", "withOutcome", "resolved", "agreed", "recovered", "rated", "ratingSum", "satisfied" FROM "temporary_claim_figures"`);
    await q.query(`DROP TABLE "temporary_claim_figures"`);
    await q.query(`DROP TABLE "claim_open_counts"`);
  }
}
