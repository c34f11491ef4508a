import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimDeadlines1796150536473 implements MigrationInterface {
  name = 'ClaimDeadlines1796150536473';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "calendar_years" ("year" integer PRIMARY KEY NOT NULL, "source" varchar(20) NOT NULL, "coveredAt" datetime(3) NOT NULL)`);
    await q.query(`DROP INDEX "ix_claims_org_status"`);
    await q.query(`DROP INDEX "ix_claims_submitted"`);
    await q.query(`DROP INDEX "ix_claims_assignee"`);
    await q.query(`DROP INDEX "ix_claims_org"`);
    await q.query(`DROP INDEX "ix_claims_worker"`);
    await q.query(`DROP INDEX "uq_claims_number"`);
    await q.query(`CREATE TABLE "temporary_claims" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "workerId" varchar(36) NOT NULL, "category" varchar(20) NOT NULL, "employerOrgId" varchar(36), "employerName" varchar(100) NOT NULL, "amountFen" integer, "description" text NOT NULL, "contactPreference" varchar(10) NOT NULL, "status" varchar(12) NOT NULL, "orgId" varchar(36) NOT NULL, "assigneeId" varchar(36), "tier" integer NOT NULL, "routedBy" varchar(12) NOT NULL, "firstResponseDueAt" datetime(3) NOT NULL, "firstResponseAt" datetime(3), "mediationDueAt" datetime(3), "department" varchar(20), "outcome" varchar(20), "amountRecoveredFen" integer, "outcomeSummary" varchar(500), "ratingScore" integer, "ratingComment" varchar(500), "reopenCount" integer NOT NULL, "submittedAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "resolvedAt" datetime(3), "ratedAt" datetime(3), "closedAt" datetime(3), "updatedAt" datetime(3) NOT NULL, "firstResponseEstimated" boolean NOT NULL, "mediationEstimated" boolean NOT NULL, "dueAt" datetime(3))`);
    // one estimated flag per deadline (the old combined flag, split as well as it can be) and the deadline that applies now
    await q.query(`INSERT INTO "temporary_claims"("id", "number", "workerId", "category", "employerOrgId", "employerName", "amountFen", "description", "contactPreference", "status", "orgId", "assigneeId", "tier", "routedBy", "firstResponseDueAt", "firstResponseAt", "mediationDueAt", "department", "outcome", "amountRecoveredFen", "outcomeSummary", "ratingScore", "ratingComment", "reopenCount", "submittedAt", "acceptedAt", "resolvedAt", "ratedAt", "closedAt", "updatedAt", "firstResponseEstimated", "mediationEstimated", "dueAt") SELECT "id", "number", "workerId", "category", "employerOrgId", "employerName", "amountFen", "description", "contactPreference", "status", "orgId", "assigneeId", "tier", "routedBy", "firstResponseDueAt", "firstResponseAt", "mediationDueAt", "department", "outcome", "amountRecoveredFen", "outcomeSummary", "ratingScore", "ratingComment", "reopenCount", "submittedAt", "acceptedAt", "resolvedAt", "ratedAt", "closedAt", "updatedAt", "deadlineEstimated", CASE WHEN "mediationDueAt" IS NOT NULL THEN "deadlineEstimated" ELSE 0 END, CASE WHEN "status" IN ('submitted', 'escalated', 'reopened') THEN "firstResponseDueAt" WHEN "status" IN ('accepted', 'in_progress') THEN "mediationDueAt" ELSE NULL END FROM "claims"`);
    await q.query(`DROP TABLE "claims"`);
    await q.query(`ALTER TABLE "temporary_claims" RENAME TO "claims"`);
    await q.query(`CREATE INDEX "ix_claims_org_status" ON "claims" ("orgId", "status") `);
    await q.query(`CREATE INDEX "ix_claims_submitted" ON "claims" ("submittedAt", "id") `);
    await q.query(`CREATE INDEX "ix_claims_assignee" ON "claims" ("assigneeId") `);
    await q.query(`CREATE INDEX "ix_claims_org" ON "claims" ("orgId") `);
    await q.query(`CREATE INDEX "ix_claims_worker" ON "claims" ("workerId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_claims_number" ON "claims" ("number") `);
    await q.query(`CREATE INDEX "ix_claims_due" ON "claims" ("dueAt", "submittedAt", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_claims_due"`);
    await q.query(`DROP INDEX "ix_claims_org_status"`);
    await q.query(`DROP INDEX "ix_claims_submitted"`);
    await q.query(`DROP INDEX "ix_claims_assignee"`);
    await q.query(`DROP INDEX "ix_claims_org"`);
    await q.query(`DROP INDEX "ix_claims_worker"`);
    await q.query(`DROP INDEX "uq_claims_number"`);
    await q.query(`ALTER TABLE "claims" RENAME TO "temporary_claims"`);
    await q.query(`CREATE TABLE "claims" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "workerId" varchar(36) NOT NULL, "category" varchar(20) NOT NULL, "employerOrgId" varchar(36), "employerName" varchar(100) NOT NULL, "amountFen" integer, "description" text NOT NULL, "contactPreference" varchar(10) NOT NULL, "status" varchar(12) NOT NULL, "orgId" varchar(36) NOT NULL, "assigneeId" varchar(36), "tier" integer NOT NULL, "routedBy" varchar(12) NOT NULL, "firstResponseDueAt" datetime(3) NOT NULL, "firstResponseAt" datetime(3), "mediationDueAt" datetime(3), "deadlineEstimated" boolean NOT NULL, "department" varchar(20), "outcome" varchar(20), "amountRecoveredFen" integer, "outcomeSummary" varchar(500), "ratingScore" integer, "ratingComment" varchar(500), "reopenCount" integer NOT NULL, "submittedAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "resolvedAt" datetime(3), "ratedAt" datetime(3), "closedAt" datetime(3), "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`INSERT INTO "claims"("id", "number", "workerId", "category", "employerOrgId", "employerName", "amountFen", "description", "contactPreference", "status", "orgId", "assigneeId", "tier", "routedBy", "firstResponseDueAt", "firstResponseAt", "mediationDueAt", "department", "outcome", "amountRecoveredFen", "outcomeSummary", "ratingScore", "ratingComment", "reopenCount", "submittedAt", "acceptedAt", "resolvedAt", "ratedAt", "closedAt", "updatedAt", "deadlineEstimated") SELECT "id", "number", "workerId", "category", "employerOrgId", "employerName", "amountFen", "description", "contactPreference", "status", "orgId", "assigneeId", "tier", "routedBy", "firstResponseDueAt", "firstResponseAt", "mediationDueAt", "department", "outcome", "amountRecoveredFen", "outcomeSummary", "ratingScore", "ratingComment", "reopenCount", "submittedAt", "acceptedAt", "resolvedAt", "ratedAt", "closedAt", "updatedAt", "firstResponseEstimated" OR "mediationEstimated" FROM "temporary_claims"`);
    await q.query(`DROP TABLE "temporary_claims"`);
    await q.query(`CREATE INDEX "ix_claims_org_status" ON "claims" ("orgId", "status") `);
    await q.query(`CREATE INDEX "ix_claims_submitted" ON "claims" ("submittedAt", "id") `);
    await q.query(`CREATE INDEX "ix_claims_assignee" ON "claims" ("assigneeId") `);
    await q.query(`CREATE INDEX "ix_claims_org" ON "claims" ("orgId") `);
    await q.query(`CREATE INDEX "ix_claims_worker" ON "claims" ("workerId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_claims_number" ON "claims" ("number") `);
    await q.query(`DROP TABLE "calendar_years"`);
  }
}
