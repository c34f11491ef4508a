import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimFigures1796219307864 implements MigrationInterface {
  name = 'ClaimFigures1796219307864';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_claims_assignee"`);
    await q.query(`CREATE TABLE "claim_figures" ("orgId" varchar(36) NOT NULL, "month" varchar(7) NOT NULL, "category" varchar(20) NOT NULL, "handlingTier" integer NOT NULL, "received" integer NOT NULL, "frOnTime" integer NOT NULL, "frAnswered" integer NOT NULL, "medOnTime" integer NOT NULL, "medResolved" integer NOT NULL, "mediated" integer NOT NULL, "withOutcome" integer NOT NULL, "resolved" integer NOT NULL, "agreed" bigint NOT NULL, "recovered" bigint NOT NULL, "rated" integer NOT NULL, "ratingSum" integer NOT NULL, "satisfied" integer NOT NULL, PRIMARY KEY ("orgId", "month", "category", "handlingTier"))`);
    await q.query(`CREATE INDEX "ix_claims_assignee_status" ON "claims" ("assigneeId", "status") `);
    await q.query(`CREATE INDEX "ix_claims_unresolved" ON "claims" ("resolvedAt", "submittedAt", "orgId", "mediationDueAt") `);
    await q.query(`CREATE INDEX "ix_claims_unanswered" ON "claims" ("firstResponseAt", "submittedAt", "orgId", "firstResponseDueAt") `);
    // backfill: the summary of every claim filed so far (Beijing month of filing), the same sums ClaimFigures keeps
    await q.query(`INSERT INTO "claim_figures" ("orgId", "month", "category", "handlingTier", "received", "frOnTime", "frAnswered", "medOnTime", "medResolved", "mediated", "withOutcome", "resolved", "agreed", "recovered", "rated", "ratingSum", "satisfied") SELECT "orgId", strftime('%Y-%m', "submittedAt", '+8 hours'), "category", "handlingTier", COUNT(*), SUM(CASE WHEN "firstResponseAt" IS NOT NULL AND "firstResponseAt" <= "firstResponseDueAt" THEN 1 ELSE 0 END), SUM(CASE WHEN "firstResponseAt" IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN "mediationDueAt" IS NOT NULL AND "resolvedAt" IS NOT NULL AND "resolvedAt" <= "mediationDueAt" THEN 1 ELSE 0 END), SUM(CASE WHEN "mediationDueAt" IS NOT NULL AND "resolvedAt" IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN "outcome" = 'mediated' THEN 1 ELSE 0 END), SUM(CASE WHEN "outcome" IS NOT NULL AND "outcome" <> 'withdrawn' THEN 1 ELSE 0 END), SUM(CASE WHEN "resolvedAt" IS NOT NULL THEN 1 ELSE 0 END), SUM(COALESCE("agreedFen", 0)), SUM(COALESCE("recoveredFen", 0)), SUM(CASE WHEN "ratingScore" IS NOT NULL THEN 1 ELSE 0 END), SUM(COALESCE("ratingScore", 0)), SUM(CASE WHEN "ratingScore" >= 4 THEN 1 ELSE 0 END) FROM "claims" GROUP BY "orgId", strftime('%Y-%m', "submittedAt", '+8 hours'), "category", "handlingTier"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_claims_unanswered"`);
    await q.query(`DROP INDEX "ix_claims_unresolved"`);
    await q.query(`DROP INDEX "ix_claims_assignee_status"`);
    await q.query(`DROP TABLE "claim_figures"`);
    await q.query(`CREATE INDEX "ix_claims_assignee" ON "claims" ("assigneeId") `);
  }
}
