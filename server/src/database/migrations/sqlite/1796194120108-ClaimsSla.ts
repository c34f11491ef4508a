import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimsSla1796194120108 implements MigrationInterface {
  name = 'ClaimsSla1796194120108';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "arbitration_commissions" ("id" varchar(36) PRIMARY KEY NOT NULL, "orgId" varchar(36) NOT NULL, "name" varchar(100) NOT NULL, "address" varchar(200) NOT NULL, "phone" varchar(30) NOT NULL, "note" varchar(200), "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "uq_arbitration_commissions_org" ON "arbitration_commissions" ("orgId") `);
    await q.query(`CREATE TABLE "claim_agreements" ("id" varchar(36) PRIMARY KEY NOT NULL, "claimId" varchar(36) NOT NULL, "amountFen" integer NOT NULL, "dueDate" varchar(10) NOT NULL, "createdById" varchar(36) NOT NULL, "createdAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_claim_agreements_claim" ON "claim_agreements" ("claimId") `);
    await q.query(`CREATE TABLE "claim_digests" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "day" varchar(10) NOT NULL, "overdue" integer NOT NULL, "sentAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "uq_claim_digests_user_day" ON "claim_digests" ("userId", "day") `);
    await q.query(`CREATE TABLE "claim_instalments" ("id" varchar(36) PRIMARY KEY NOT NULL, "agreementId" varchar(36) NOT NULL, "claimId" varchar(36) NOT NULL, "seq" integer NOT NULL, "amountFen" integer NOT NULL, "dueDate" varchar(10) NOT NULL, "askAt" datetime(3), "askedAt" datetime(3), "confirmedAt" datetime(3), "receivedFen" integer, "notReceivedAt" datetime(3))`);
    await q.query(`CREATE INDEX "ix_claim_instalments_claim" ON "claim_instalments" ("claimId") `);
    await q.query(`CREATE INDEX "ix_claim_instalments_ask" ON "claim_instalments" ("askAt") `);
    await q.query(`CREATE INDEX "ix_claim_instalments_agreement" ON "claim_instalments" ("agreementId", "seq") `);
    await q.query(`DROP INDEX "ix_claims_due"`);
    await q.query(`DROP INDEX "uq_claims_number"`);
    await q.query(`DROP INDEX "ix_claims_worker"`);
    await q.query(`DROP INDEX "ix_claims_org"`);
    await q.query(`DROP INDEX "ix_claims_assignee"`);
    await q.query(`DROP INDEX "ix_claims_submitted"`);
    await q.query(`DROP INDEX "ix_claims_org_status"`);
    await q.query(`CREATE TABLE "temporary_claims" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "workerId" varchar(36) NOT NULL, "category" varchar(20) NOT NULL, "employerOrgId" varchar(36), "employerName" varchar(100) NOT NULL, "amountFen" integer, "description" text NOT NULL, "contactPreference" varchar(10) NOT NULL, "status" varchar(12) NOT NULL, "orgId" varchar(36) NOT NULL, "assigneeId" varchar(36), "tier" integer NOT NULL, "routedBy" varchar(12) NOT NULL, "firstResponseDueAt" datetime(3) NOT NULL, "firstResponseAt" datetime(3), "mediationDueAt" datetime(3), "department" varchar(20), "outcome" varchar(20), "amountRecoveredFen" integer, "outcomeSummary" varchar(500), "ratingScore" integer, "ratingComment" varchar(500), "reopenCount" integer NOT NULL, "submittedAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "resolvedAt" datetime(3), "ratedAt" datetime(3), "closedAt" datetime(3), "updatedAt" datetime(3) NOT NULL, "firstResponseEstimated" boolean NOT NULL, "mediationEstimated" boolean NOT NULL, "dueAt" datetime(3), "contactName" varchar(50), "contactMobile" varchar(255), "contactMobileMasked" varchar(16), "handlingTier" integer NOT NULL, "difficult" boolean NOT NULL, "tierEnteredAt" datetime(3), "mediationReceivedAt" datetime(3), "arbitrationRightAt" datetime(3), "continuedMediationConsentAt" datetime(3), "arbitrationChosenAt" datetime(3), "halfWarnAt" datetime(3), "overdueWarnAt" datetime(3), "escalateAt" datetime(3), "arbitrationPromptAt" datetime(3), "agreedFen" integer, "recoveredFen" integer, "paymentMissedAt" datetime(3))`);
    // claims filed before the tiers were at tier 1 and not marked difficult
    await q.query(`INSERT INTO "temporary_claims"("id", "number", "workerId", "category", "employerOrgId", "employerName", "amountFen", "description", "contactPreference", "status", "orgId", "assigneeId", "tier", "routedBy", "firstResponseDueAt", "firstResponseAt", "mediationDueAt", "department", "outcome", "amountRecoveredFen", "outcomeSummary", "ratingScore", "ratingComment", "reopenCount", "submittedAt", "acceptedAt", "resolvedAt", "ratedAt", "closedAt", "updatedAt", "firstResponseEstimated", "mediationEstimated", "dueAt", "handlingTier", "difficult") SELECT "id", "number", "workerId", "category", "employerOrgId", "employerName", "amountFen", "description", "contactPreference", "status", "orgId", "assigneeId", "tier", "routedBy", "firstResponseDueAt", "firstResponseAt", "mediationDueAt", "department", "outcome", "amountRecoveredFen", "outcomeSummary", "ratingScore", "ratingComment", "reopenCount", "submittedAt", "acceptedAt", "resolvedAt", "ratedAt", "closedAt", "updatedAt", "firstResponseEstimated", "mediationEstimated", "dueAt", 1, 0 FROM "claims"`);
    await q.query(`DROP TABLE "claims"`);
    await q.query(`ALTER TABLE "temporary_claims" RENAME TO "claims"`);
    await q.query(`CREATE INDEX "ix_claims_due" ON "claims" ("dueAt", "submittedAt", "id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_claims_number" ON "claims" ("number") `);
    await q.query(`CREATE INDEX "ix_claims_worker" ON "claims" ("workerId") `);
    await q.query(`CREATE INDEX "ix_claims_org" ON "claims" ("orgId") `);
    await q.query(`CREATE INDEX "ix_claims_assignee" ON "claims" ("assigneeId") `);
    await q.query(`CREATE INDEX "ix_claims_submitted" ON "claims" ("submittedAt", "id") `);
    await q.query(`CREATE INDEX "ix_claims_org_status" ON "claims" ("orgId", "status") `);
    await q.query(`CREATE INDEX "ix_claims_arbitration_prompt" ON "claims" ("arbitrationPromptAt") `);
    await q.query(`CREATE INDEX "ix_claims_escalate" ON "claims" ("escalateAt") `);
    await q.query(`CREATE INDEX "ix_claims_overdue_warn" ON "claims" ("overdueWarnAt") `);
    await q.query(`CREATE INDEX "ix_claims_half_warn" ON "claims" ("halfWarnAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_claims_half_warn"`);
    await q.query(`DROP INDEX "ix_claims_overdue_warn"`);
    await q.query(`DROP INDEX "ix_claims_escalate"`);
    await q.query(`DROP INDEX "ix_claims_arbitration_prompt"`);
    await q.query(`DROP INDEX "ix_claims_org_status"`);
    await q.query(`DROP INDEX "ix_claims_submitted"`);
    await q.query(`DROP INDEX "ix_claims_assignee"`);
    await q.query(`DROP INDEX "ix_claims_org"`);
    await q.query(`DROP INDEX "ix_claims_worker"`);
    await q.query(`DROP INDEX "uq_claims_number"`);
    await q.query(`DROP INDEX "ix_claims_due"`);
    await q.query(`ALTER TABLE "claims" RENAME TO "temporary_claims"`);
    await q.query(`CREATE TABLE "claims" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "workerId" varchar(36) NOT NULL, "category" varchar(20) NOT NULL, "employerOrgId" varchar(36), "employerName" varchar(100) NOT NULL, "amountFen" integer, "description" text NOT NULL, "contactPreference" varchar(10) NOT NULL, "status" varchar(12) NOT NULL, "orgId" varchar(36) NOT NULL, "assigneeId" varchar(36), "tier" integer NOT NULL, "routedBy" varchar(12) NOT NULL, "firstResponseDueAt" datetime(3) NOT NULL, "firstResponseAt" datetime(3), "mediationDueAt" datetime(3), "department" varchar(20), "outcome" varchar(20), "amountRecoveredFen" integer, "outcomeSummary" varchar(500), "ratingScore" integer, "ratingComment" varchar(500), "reopenCount" integer NOT NULL, "submittedAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "resolvedAt" datetime(3), "ratedAt" datetime(3), "closedAt" datetime(3), "updatedAt" datetime(3) NOT NULL, "firstResponseEstimated" boolean NOT NULL, "mediationEstimated" boolean NOT NULL, "dueAt" datetime(3))`);
    await q.query(`INSERT INTO "claims"("id", "number", "workerId", "category", "employerOrgId", "employerName", "amountFen", "description", "contactPreference", "status", "orgId", "assigneeId", "tier", "routedBy", "firstResponseDueAt", "firstResponseAt", "mediationDueAt", "department", "outcome", "amountRecoveredFen", "outcomeSummary", "ratingScore", "ratingComment", "reopenCount", "submittedAt", "acceptedAt", "resolvedAt", "ratedAt", "closedAt", "updatedAt", "firstResponseEstimated", "mediationEstimated", "dueAt") SELECT "id", "number", "workerId", "category", "employerOrgId", "employerName", "amountFen", "description", "contactPreference", "status", "orgId", "assigneeId", "tier", "routedBy", "firstResponseDueAt", "firstResponseAt", "mediationDueAt", "department", "outcome", "amountRecoveredFen", "outcomeSummary", "ratingScore", "ratingComment", "reopenCount", "submittedAt", "acceptedAt", "resolvedAt", "ratedAt", "closedAt", "updatedAt", "firstResponseEstimated", "mediationEstimated", "dueAt" FROM "temporary_claims"`);
    await q.query(`DROP TABLE "temporary_claims"`);
    await q.query(`CREATE INDEX "ix_claims_org_status" ON "claims" ("orgId", "status") `);
    await q.query(`CREATE INDEX "ix_claims_submitted" ON "claims" ("submittedAt", "id") `);
    await q.query(`CREATE INDEX "ix_claims_assignee" ON "claims" ("assigneeId") `);
    await q.query(`CREATE INDEX "ix_claims_org" ON "claims" ("orgId") `);
    await q.query(`CREATE INDEX "ix_claims_worker" ON "claims" ("workerId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_claims_number" ON "claims" ("number") `);
    await q.query(`CREATE INDEX "ix_claims_due" ON "claims" ("dueAt", "submittedAt", "id") `);
    await q.query(`DROP INDEX "ix_claim_instalments_agreement"`);
    await q.query(`DROP INDEX "ix_claim_instalments_ask"`);
    await q.query(`DROP INDEX "ix_claim_instalments_claim"`);
    await q.query(`DROP TABLE "claim_instalments"`);
    await q.query(`DROP INDEX "uq_claim_digests_user_day"`);
    await q.query(`DROP TABLE "claim_digests"`);
    await q.query(`DROP INDEX "ix_claim_agreements_claim"`);
    await q.query(`DROP TABLE "claim_agreements"`);
    await q.query(`DROP INDEX "uq_arbitration_commissions_org"`);
    await q.query(`DROP TABLE "arbitration_commissions"`);
  }
}
