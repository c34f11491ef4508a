import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ModelWorkers1796219259390 implements MigrationInterface {
  name = 'ModelWorkers1796219259390';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "benefit_model_workers" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "orgId" varchar(36) NOT NULL, "honour" varchar(40) NOT NULL, "flaggedBy" varchar(36) NOT NULL, "flaggedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_benefit_model_workers_org" ON "benefit_model_workers" ("orgId", "flaggedAt") `);
    await q.query(`CREATE UNIQUE INDEX "uq_benefit_model_workers_user" ON "benefit_model_workers" ("userId") `);
    // campaigns from before 劳模 were for every member
    await q.query(`DROP INDEX "ix_benefit_campaigns_status"`);
    await q.query(`DROP INDEX "ix_benefit_campaigns_org"`);
    await q.query(`CREATE TABLE "temporary_benefit_campaigns" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(60) NOT NULL, "description" text NOT NULL, "orgId" varchar(36) NOT NULL, "status" varchar(20) NOT NULL, "items" text NOT NULL, "packValueFen" integer NOT NULL, "stock" integer NOT NULL, "remaining" integer NOT NULL, "claimed" integer NOT NULL, "perMemberLimit" integer NOT NULL, "perDayLimit" integer, "occupations" text NOT NULL, "claimOpensAt" datetime(3) NOT NULL, "claimClosesAt" datetime(3) NOT NULL, "validityMode" varchar(5) NOT NULL, "validFrom" datetime(3), "validUntil" datetime(3), "validDays" integer, "merchantIds" text NOT NULL, "proposedByMerchantId" varchar(36), "rejectReason" varchar(200), "createdBy" varchar(36) NOT NULL, "createdAt" datetime(3) NOT NULL, "publishedAt" datetime(3), "closedAt" datetime(3), "modelWorkersOnly" boolean NOT NULL)`);
    await q.query(`INSERT INTO "temporary_benefit_campaigns"("id", "title", "description", "orgId", "status", "items", "packValueFen", "stock", "remaining", "claimed", "perMemberLimit", "perDayLimit", "occupations", "claimOpensAt", "claimClosesAt", "validityMode", "validFrom", "validUntil", "validDays", "merchantIds", "proposedByMerchantId", "rejectReason", "createdBy", "createdAt", "publishedAt", "closedAt", "modelWorkersOnly") SELECT "id", "title", "description", "orgId", "status", "items", "packValueFen", "stock", "remaining", "claimed", "perMemberLimit", "perDayLimit", "occupations", "claimOpensAt", "claimClosesAt", "validityMode", "validFrom", "validUntil", "validDays", "merchantIds", "proposedByMerchantId", "rejectReason", "createdBy", "createdAt", "publishedAt", "closedAt", 0 FROM "benefit_campaigns"`);
    await q.query(`DROP TABLE "benefit_campaigns"`);
    await q.query(`ALTER TABLE "temporary_benefit_campaigns" RENAME TO "benefit_campaigns"`);
    await q.query(`CREATE INDEX "ix_benefit_campaigns_status" ON "benefit_campaigns" ("status", "claimClosesAt") `);
    await q.query(`CREATE INDEX "ix_benefit_campaigns_org" ON "benefit_campaigns" ("orgId", "createdAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_benefit_campaigns_org"`);
    await q.query(`DROP INDEX "ix_benefit_campaigns_status"`);
    await q.query(`ALTER TABLE "benefit_campaigns" RENAME TO "temporary_benefit_campaigns"`);
    await q.query(`CREATE TABLE "benefit_campaigns" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(60) NOT NULL, "description" text NOT NULL, "orgId" varchar(36) NOT NULL, "status" varchar(20) NOT NULL, "items" text NOT NULL, "packValueFen" integer NOT NULL, "stock" integer NOT NULL, "remaining" integer NOT NULL, "claimed" integer NOT NULL, "perMemberLimit" integer NOT NULL, "perDayLimit" integer, "occupations" text NOT NULL, "claimOpensAt" datetime(3) NOT NULL, "claimClosesAt" datetime(3) NOT NULL, "validityMode" varchar(5) NOT NULL, "validFrom" datetime(3), "validUntil" datetime(3), "validDays" integer, "merchantIds" text NOT NULL, "proposedByMerchantId" varchar(36), "rejectReason" varchar(200), "createdBy" varchar(36) NOT NULL, "createdAt" datetime(3) NOT NULL, "publishedAt" datetime(3), "closedAt" datetime(3))`);
    await q.query(`INSERT INTO "benefit_campaigns"("id", "title", "description", "orgId", "status", "items", "packValueFen", "stock", "remaining", "claimed", "perMemberLimit", "perDayLimit", "occupations", "claimOpensAt", "claimClosesAt", "validityMode", "validFrom", "validUntil", "validDays", "merchantIds", "proposedByMerchantId", "rejectReason", "createdBy", "createdAt", "publishedAt", "closedAt") SELECT "id", "title", "description", "orgId", "status", "items", "packValueFen", "stock", "remaining", "claimed", "perMemberLimit", "perDayLimit", "occupations", "claimOpensAt", "claimClosesAt", "validityMode", "validFrom", "validUntil", "validDays", "merchantIds", "proposedByMerchantId", "rejectReason", "createdBy", "createdAt", "publishedAt", "closedAt" FROM "temporary_benefit_campaigns"`);
    await q.query(`DROP TABLE "temporary_benefit_campaigns"`);
    await q.query(`CREATE INDEX "ix_benefit_campaigns_org" ON "benefit_campaigns" ("orgId", "createdAt") `);
    await q.query(`CREATE INDEX "ix_benefit_campaigns_status" ON "benefit_campaigns" ("status", "claimClosesAt") `);
    await q.query(`DROP INDEX "uq_benefit_model_workers_user"`);
    await q.query(`DROP INDEX "ix_benefit_model_workers_org"`);
    await q.query(`DROP TABLE "benefit_model_workers"`);
  }
}
