import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Benefits1796194927060 implements MigrationInterface {
  name = 'Benefits1796194927060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`benefit_claims\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`slot\` int NOT NULL, \`day\` int NOT NULL, \`daySlot\` int NULL, \`claimedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_benefit_claims_day_slot\` (\`campaignId\`, \`userId\`, \`day\`, \`daySlot\`), UNIQUE INDEX \`uq_benefit_claims_slot\` (\`campaignId\`, \`userId\`, \`slot\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`benefit_campaigns\` (\`id\` varchar(36) NOT NULL, \`title\` varchar(60) NOT NULL, \`description\` text NOT NULL, \`orgId\` varchar(36) NOT NULL, \`status\` varchar(20) NOT NULL, \`items\` text NOT NULL, \`packValueFen\` int NOT NULL, \`stock\` int NOT NULL, \`remaining\` int NOT NULL, \`claimed\` int NOT NULL, \`perMemberLimit\` int NOT NULL, \`perDayLimit\` int NULL, \`occupations\` text NOT NULL, \`claimOpensAt\` datetime(3) NOT NULL, \`claimClosesAt\` datetime(3) NOT NULL, \`validityMode\` varchar(5) NOT NULL, \`validFrom\` datetime(3) NULL, \`validUntil\` datetime(3) NULL, \`validDays\` int NULL, \`merchantIds\` text NOT NULL, \`proposedByMerchantId\` varchar(36) NULL, \`rejectReason\` varchar(200) NULL, \`createdBy\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`publishedAt\` datetime(3) NULL, \`closedAt\` datetime(3) NULL, INDEX \`ix_benefit_campaigns_org\` (\`orgId\`, \`createdAt\`), INDEX \`ix_benefit_campaigns_status\` (\`status\`, \`claimClosesAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`benefit_coupons\` (\`id\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`claimId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`code\` varchar(12) NOT NULL, \`kind\` varchar(10) NOT NULL, \`thresholdFen\` int NOT NULL, \`discountFen\` int NOT NULL, \`percentOff\` int NULL, \`capFen\` int NULL, \`validFrom\` datetime(3) NOT NULL, \`validUntil\` datetime(3) NOT NULL, \`status\` varchar(10) NOT NULL, \`claimedAt\` datetime(3) NOT NULL, \`usedAt\` datetime(3) NULL, \`remindedAt\` datetime(3) NULL, UNIQUE INDEX \`uq_benefit_coupons_code\` (\`code\`), INDEX \`ix_benefit_coupons_claim\` (\`claimId\`), INDEX \`ix_benefit_coupons_due\` (\`status\`, \`validUntil\`), INDEX \`ix_benefit_coupons_owner\` (\`userId\`, \`status\`, \`validUntil\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`benefit_merchants\` (\`id\` varchar(36) NOT NULL, \`name\` varchar(80) NOT NULL, \`category\` varchar(12) NOT NULL, \`address\` varchar(200) NOT NULL, \`district\` varchar(20) NOT NULL, \`lat\` decimal(9,6) NOT NULL, \`lng\` decimal(9,6) NOT NULL, \`phone\` varchar(30) NULL, \`orgId\` varchar(36) NOT NULL, \`status\` varchar(10) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`ix_benefit_merchants_org\` (\`orgId\`, \`name\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`benefit_redemptions\` (\`id\` varchar(36) NOT NULL, \`couponId\` varchar(36) NOT NULL, \`campaignId\` varchar(36) NOT NULL, \`merchantId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`redeemedBy\` varchar(36) NOT NULL, \`orderFen\` int NOT NULL, \`discountFen\` int NOT NULL, \`month\` varchar(7) NOT NULL, \`redeemedAt\` datetime(3) NOT NULL, \`undoneAt\` datetime(3) NULL, INDEX \`ix_benefit_redemptions_coupon\` (\`couponId\`), INDEX \`ix_benefit_redemptions_month\` (\`month\`, \`merchantId\`), INDEX \`ix_benefit_redemptions_merchant\` (\`merchantId\`, \`redeemedAt\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_benefit_redemptions_merchant\` ON \`benefit_redemptions\``);
    await q.query(`DROP INDEX \`ix_benefit_redemptions_month\` ON \`benefit_redemptions\``);
    await q.query(`DROP INDEX \`ix_benefit_redemptions_coupon\` ON \`benefit_redemptions\``);
    await q.query(`DROP TABLE \`benefit_redemptions\``);
    await q.query(`DROP INDEX \`ix_benefit_merchants_org\` ON \`benefit_merchants\``);
    await q.query(`DROP TABLE \`benefit_merchants\``);
    await q.query(`DROP INDEX \`ix_benefit_coupons_owner\` ON \`benefit_coupons\``);
    await q.query(`DROP INDEX \`ix_benefit_coupons_due\` ON \`benefit_coupons\``);
    await q.query(`DROP INDEX \`ix_benefit_coupons_claim\` ON \`benefit_coupons\``);
    await q.query(`DROP INDEX \`uq_benefit_coupons_code\` ON \`benefit_coupons\``);
    await q.query(`DROP TABLE \`benefit_coupons\``);
    await q.query(`DROP INDEX \`ix_benefit_campaigns_status\` ON \`benefit_campaigns\``);
    await q.query(`DROP INDEX \`ix_benefit_campaigns_org\` ON \`benefit_campaigns\``);
    await q.query(`DROP TABLE \`benefit_campaigns\``);
    await q.query(`DROP INDEX \`uq_benefit_claims_slot\` ON \`benefit_claims\``);
    await q.query(`DROP INDEX \`uq_benefit_claims_day_slot\` ON \`benefit_claims\``);
    await q.query(`DROP TABLE \`benefit_claims\``);
  }
}
