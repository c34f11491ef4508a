import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Benefits1796194915414 implements MigrationInterface {
  name = 'Benefits1796194915414';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "benefit_claims" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "slot" integer NOT NULL, "day" integer NOT NULL, "daySlot" integer, "claimedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "uq_benefit_claims_day_slot" ON "benefit_claims" ("campaignId", "userId", "day", "daySlot") `);
    await q.query(`CREATE UNIQUE INDEX "uq_benefit_claims_slot" ON "benefit_claims" ("campaignId", "userId", "slot") `);
    await q.query(`CREATE TABLE "benefit_campaigns" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(60) NOT NULL, "description" text NOT NULL, "orgId" varchar(36) NOT NULL, "status" varchar(20) NOT NULL, "items" text NOT NULL, "packValueFen" integer NOT NULL, "stock" integer NOT NULL, "remaining" integer NOT NULL, "claimed" integer NOT NULL, "perMemberLimit" integer NOT NULL, "perDayLimit" integer, "occupations" text NOT NULL, "claimOpensAt" datetime(3) NOT NULL, "claimClosesAt" datetime(3) NOT NULL, "validityMode" varchar(5) NOT NULL, "validFrom" datetime(3), "validUntil" datetime(3), "validDays" integer, "merchantIds" text NOT NULL, "proposedByMerchantId" varchar(36), "rejectReason" varchar(200), "createdBy" varchar(36) NOT NULL, "createdAt" datetime(3) NOT NULL, "publishedAt" datetime(3), "closedAt" datetime(3))`);
    await q.query(`CREATE INDEX "ix_benefit_campaigns_org" ON "benefit_campaigns" ("orgId", "createdAt") `);
    await q.query(`CREATE INDEX "ix_benefit_campaigns_status" ON "benefit_campaigns" ("status", "claimClosesAt") `);
    await q.query(`CREATE TABLE "benefit_coupons" ("id" varchar(36) PRIMARY KEY NOT NULL, "campaignId" varchar(36) NOT NULL, "claimId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "code" varchar(12) NOT NULL, "kind" varchar(10) NOT NULL, "thresholdFen" integer NOT NULL, "discountFen" integer NOT NULL, "percentOff" integer, "capFen" integer, "validFrom" datetime(3) NOT NULL, "validUntil" datetime(3) NOT NULL, "status" varchar(10) NOT NULL, "claimedAt" datetime(3) NOT NULL, "usedAt" datetime(3), "remindedAt" datetime(3))`);
    await q.query(`CREATE UNIQUE INDEX "uq_benefit_coupons_code" ON "benefit_coupons" ("code") `);
    await q.query(`CREATE INDEX "ix_benefit_coupons_claim" ON "benefit_coupons" ("claimId") `);
    await q.query(`CREATE INDEX "ix_benefit_coupons_due" ON "benefit_coupons" ("status", "validUntil") `);
    await q.query(`CREATE INDEX "ix_benefit_coupons_owner" ON "benefit_coupons" ("userId", "status", "validUntil") `);
    await q.query(`CREATE TABLE "benefit_merchants" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(80) NOT NULL, "category" varchar(12) NOT NULL, "address" varchar(200) NOT NULL, "district" varchar(20) NOT NULL, "lat" decimal(9,6) NOT NULL, "lng" decimal(9,6) NOT NULL, "phone" varchar(30), "orgId" varchar(36) NOT NULL, "status" varchar(10) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_benefit_merchants_org" ON "benefit_merchants" ("orgId", "name", "id") `);
    await q.query(`CREATE TABLE "benefit_redemptions" ("id" varchar(36) PRIMARY KEY NOT NULL, "couponId" varchar(36) NOT NULL, "campaignId" varchar(36) NOT NULL, "merchantId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "redeemedBy" varchar(36) NOT NULL, "orderFen" integer NOT NULL, "discountFen" integer NOT NULL, "month" varchar(7) NOT NULL, "redeemedAt" datetime(3) NOT NULL, "undoneAt" datetime(3))`);
    await q.query(`CREATE INDEX "ix_benefit_redemptions_coupon" ON "benefit_redemptions" ("couponId") `);
    await q.query(`CREATE INDEX "ix_benefit_redemptions_month" ON "benefit_redemptions" ("month", "merchantId") `);
    await q.query(`CREATE INDEX "ix_benefit_redemptions_merchant" ON "benefit_redemptions" ("merchantId", "redeemedAt", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_benefit_redemptions_merchant"`);
    await q.query(`DROP INDEX "ix_benefit_redemptions_month"`);
    await q.query(`DROP INDEX "ix_benefit_redemptions_coupon"`);
    await q.query(`DROP TABLE "benefit_redemptions"`);
    await q.query(`DROP INDEX "ix_benefit_merchants_org"`);
    await q.query(`DROP TABLE "benefit_merchants"`);
    await q.query(`DROP INDEX "ix_benefit_coupons_owner"`);
    await q.query(`DROP INDEX "ix_benefit_coupons_due"`);
    await q.query(`DROP INDEX "ix_benefit_coupons_claim"`);
    await q.query(`DROP INDEX "uq_benefit_coupons_code"`);
    await q.query(`DROP TABLE "benefit_coupons"`);
    await q.query(`DROP INDEX "ix_benefit_campaigns_status"`);
    await q.query(`DROP INDEX "ix_benefit_campaigns_org"`);
    await q.query(`DROP TABLE "benefit_campaigns"`);
    await q.query(`DROP INDEX "uq_benefit_claims_slot"`);
    await q.query(`DROP INDEX "uq_benefit_claims_day_slot"`);
    await q.query(`DROP TABLE "benefit_claims"`);
  }
}
