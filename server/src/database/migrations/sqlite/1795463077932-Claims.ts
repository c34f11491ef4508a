import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Claims1795463077932 implements MigrationInterface {
  name = 'Claims1795463077932';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "calendar_days" ("date" varchar(10) PRIMARY KEY NOT NULL, "workday" boolean NOT NULL, "note" varchar(50))`);
    await q.query(`CREATE TABLE "attachments" ("id" varchar(36) PRIMARY KEY NOT NULL, "ownerId" varchar(36) NOT NULL, "claimId" varchar(36), "mime" varchar(20) NOT NULL, "size" integer NOT NULL, "sha256" varchar(64) NOT NULL, "storageKey" varchar(100) NOT NULL, "createdAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_attachments_owner" ON "attachments" ("ownerId") `);
    await q.query(`CREATE INDEX "ix_attachments_claim" ON "attachments" ("claimId") `);
    await q.query(`CREATE TABLE "claim_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "claimId" varchar(36) NOT NULL, "at" datetime(3) NOT NULL, "seq" integer NOT NULL, "actorId" varchar(36), "actorRole" varchar(10) NOT NULL, "kind" varchar(20) NOT NULL, "note" text, "visibleToWorker" boolean NOT NULL, "fromStatus" varchar(12) NOT NULL, "toStatus" varchar(12) NOT NULL, "data" text)`);
    await q.query(`CREATE INDEX "ix_claim_events_claim_at" ON "claim_events" ("claimId", "at") `);
    await q.query(`CREATE TABLE "claims" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "workerId" varchar(36) NOT NULL, "category" varchar(20) NOT NULL, "employerOrgId" varchar(36), "employerName" varchar(100) NOT NULL, "amountFen" integer, "description" text NOT NULL, "contactPreference" varchar(10) NOT NULL, "status" varchar(12) NOT NULL, "orgId" varchar(36) NOT NULL, "assigneeId" varchar(36), "tier" integer NOT NULL, "routedBy" varchar(12) NOT NULL, "firstResponseDueAt" datetime(3) NOT NULL, "firstResponseAt" datetime(3), "mediationDueAt" datetime(3), "deadlineEstimated" boolean NOT NULL, "department" varchar(20), "outcome" varchar(20), "amountRecoveredFen" integer, "outcomeSummary" varchar(500), "ratingScore" integer, "ratingComment" varchar(500), "reopenCount" integer NOT NULL, "submittedAt" datetime(3) NOT NULL, "acceptedAt" datetime(3), "resolvedAt" datetime(3), "ratedAt" datetime(3), "closedAt" datetime(3), "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "uq_claims_number" ON "claims" ("number") `);
    await q.query(`CREATE INDEX "ix_claims_worker" ON "claims" ("workerId") `);
    await q.query(`CREATE INDEX "ix_claims_org" ON "claims" ("orgId") `);
    await q.query(`CREATE INDEX "ix_claims_assignee" ON "claims" ("assigneeId") `);
    await q.query(`CREATE INDEX "ix_claims_submitted" ON "claims" ("submittedAt", "id") `);
    await q.query(`CREATE INDEX "ix_claims_org_status" ON "claims" ("orgId", "status") `);
    await q.query(`DROP INDEX "ix_orgs_path"`);
    await q.query(`DROP INDEX "ix_orgs_parent"`);
    await q.query(`DROP INDEX "uq_orgs_code"`);
    await q.query(`CREATE TABLE "temporary_orgs" ("id" varchar(36) PRIMARY KEY NOT NULL, "code" varchar(32) NOT NULL, "name" varchar(100) NOT NULL, "level" varchar(16) NOT NULL, "parentId" varchar(36), "path" varchar(400) NOT NULL, "depth" integer NOT NULL, "autoApprove" boolean NOT NULL, "catchAll" boolean NOT NULL, "isMediationCentre" boolean NOT NULL, "active" boolean NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL, "mediationWorkdays" integer)`);
    await q.query(`INSERT INTO "temporary_orgs"("id", "code", "name", "level", "parentId", "path", "depth", "autoApprove", "catchAll", "isMediationCentre", "active", "createdAt", "updatedAt") SELECT "id", "code", "name", "level", "parentId", "path", "depth", "autoApprove", "catchAll", "isMediationCentre", "active", "createdAt", "updatedAt" FROM "orgs"`);
    await q.query(`DROP TABLE "orgs"`);
    await q.query(`ALTER TABLE "temporary_orgs" RENAME TO "orgs"`);
    await q.query(`CREATE INDEX "ix_orgs_path" ON "orgs" ("path") `);
    await q.query(`CREATE INDEX "ix_orgs_parent" ON "orgs" ("parentId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_orgs_code" ON "orgs" ("code") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_orgs_code"`);
    await q.query(`DROP INDEX "ix_orgs_parent"`);
    await q.query(`DROP INDEX "ix_orgs_path"`);
    await q.query(`ALTER TABLE "orgs" RENAME TO "temporary_orgs"`);
    await q.query(`CREATE TABLE "orgs" ("id" varchar(36) PRIMARY KEY NOT NULL, "code" varchar(32) NOT NULL, "name" varchar(100) NOT NULL, "level" varchar(16) NOT NULL, "parentId" varchar(36), "path" varchar(400) NOT NULL, "depth" integer NOT NULL, "autoApprove" boolean NOT NULL, "catchAll" boolean NOT NULL, "isMediationCentre" boolean NOT NULL, "active" boolean NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`INSERT INTO "orgs"("id", "code", "name", "level", "parentId", "path", "depth", "autoApprove", "catchAll", "isMediationCentre", "active", "createdAt", "updatedAt") SELECT "id", "code", "name", "level", "parentId", "path", "depth", "autoApprove", "catchAll", "isMediationCentre", "active", "createdAt", "updatedAt" FROM "temporary_orgs"`);
    await q.query(`DROP TABLE "temporary_orgs"`);
    await q.query(`CREATE UNIQUE INDEX "uq_orgs_code" ON "orgs" ("code") `);
    await q.query(`CREATE INDEX "ix_orgs_parent" ON "orgs" ("parentId") `);
    await q.query(`CREATE INDEX "ix_orgs_path" ON "orgs" ("path") `);
    await q.query(`DROP INDEX "ix_claims_org_status"`);
    await q.query(`DROP INDEX "ix_claims_submitted"`);
    await q.query(`DROP INDEX "ix_claims_assignee"`);
    await q.query(`DROP INDEX "ix_claims_org"`);
    await q.query(`DROP INDEX "ix_claims_worker"`);
    await q.query(`DROP INDEX "uq_claims_number"`);
    await q.query(`DROP TABLE "claims"`);
    await q.query(`DROP INDEX "ix_claim_events_claim_at"`);
    await q.query(`DROP TABLE "claim_events"`);
    await q.query(`DROP INDEX "ix_attachments_claim"`);
    await q.query(`DROP INDEX "ix_attachments_owner"`);
    await q.query(`DROP TABLE "attachments"`);
    await q.query(`DROP TABLE "calendar_days"`);
  }
}
