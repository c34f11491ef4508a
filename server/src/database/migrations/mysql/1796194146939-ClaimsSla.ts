import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimsSla1796194146939 implements MigrationInterface {
  name = 'ClaimsSla1796194146939';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`arbitration_commissions\` (\`id\` varchar(36) NOT NULL, \`orgId\` varchar(36) NOT NULL, \`name\` varchar(100) NOT NULL, \`address\` varchar(200) NOT NULL, \`phone\` varchar(30) NOT NULL, \`note\` varchar(200) NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_arbitration_commissions_org\` (\`orgId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`claim_agreements\` (\`id\` varchar(36) NOT NULL, \`claimId\` varchar(36) NOT NULL, \`amountFen\` int NOT NULL, \`dueDate\` varchar(10) NOT NULL, \`createdById\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_claim_agreements_claim\` (\`claimId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`claim_digests\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`day\` varchar(10) NOT NULL, \`overdue\` int NOT NULL, \`sentAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_claim_digests_user_day\` (\`userId\`, \`day\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`claim_instalments\` (\`id\` varchar(36) NOT NULL, \`agreementId\` varchar(36) NOT NULL, \`claimId\` varchar(36) NOT NULL, \`seq\` int NOT NULL, \`amountFen\` int NOT NULL, \`dueDate\` varchar(10) NOT NULL, \`askAt\` datetime(3) NULL, \`askedAt\` datetime(3) NULL, \`confirmedAt\` datetime(3) NULL, \`receivedFen\` int NULL, \`notReceivedAt\` datetime(3) NULL, INDEX \`ix_claim_instalments_claim\` (\`claimId\`), INDEX \`ix_claim_instalments_ask\` (\`askAt\`), INDEX \`ix_claim_instalments_agreement\` (\`agreementId\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE \`claims\` ADD \`contactName\` varchar(50) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`contactMobile\` varchar(255) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`contactMobileMasked\` varchar(16) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`handlingTier\` int NOT NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`difficult\` tinyint NOT NULL`);
    // claims filed before the tiers were at tier 1 (the new NOT NULL int column starts at 0)
    await q.query(`UPDATE \`claims\` SET \`handlingTier\` = 1`);
    await q.query(`ALTER TABLE \`claims\` ADD \`tierEnteredAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`mediationReceivedAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`arbitrationRightAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`continuedMediationConsentAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`arbitrationChosenAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`halfWarnAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`overdueWarnAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`escalateAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`arbitrationPromptAt\` datetime(3) NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`agreedFen\` int NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`recoveredFen\` int NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`paymentMissedAt\` datetime(3) NULL`);
    await q.query(`CREATE INDEX \`ix_claims_arbitration_prompt\` ON \`claims\` (\`arbitrationPromptAt\`)`);
    await q.query(`CREATE INDEX \`ix_claims_escalate\` ON \`claims\` (\`escalateAt\`)`);
    await q.query(`CREATE INDEX \`ix_claims_overdue_warn\` ON \`claims\` (\`overdueWarnAt\`)`);
    await q.query(`CREATE INDEX \`ix_claims_half_warn\` ON \`claims\` (\`halfWarnAt\`)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_claims_half_warn\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_overdue_warn\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_escalate\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_arbitration_prompt\` ON \`claims\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`paymentMissedAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`recoveredFen\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`agreedFen\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`arbitrationPromptAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`escalateAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`overdueWarnAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`halfWarnAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`arbitrationChosenAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`continuedMediationConsentAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`arbitrationRightAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`mediationReceivedAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`tierEnteredAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`difficult\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`handlingTier\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`contactMobileMasked\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`contactMobile\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`contactName\``);
    await q.query(`DROP INDEX \`ix_claim_instalments_agreement\` ON \`claim_instalments\``);
    await q.query(`DROP INDEX \`ix_claim_instalments_ask\` ON \`claim_instalments\``);
    await q.query(`DROP INDEX \`ix_claim_instalments_claim\` ON \`claim_instalments\``);
    await q.query(`DROP TABLE \`claim_instalments\``);
    await q.query(`DROP INDEX \`uq_claim_digests_user_day\` ON \`claim_digests\``);
    await q.query(`DROP TABLE \`claim_digests\``);
    await q.query(`DROP INDEX \`ix_claim_agreements_claim\` ON \`claim_agreements\``);
    await q.query(`DROP TABLE \`claim_agreements\``);
    await q.query(`DROP INDEX \`uq_arbitration_commissions_org\` ON \`arbitration_commissions\``);
    await q.query(`DROP TABLE \`arbitration_commissions\``);
  }
}
