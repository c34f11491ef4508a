import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Claims1795463078322 implements MigrationInterface {
  name = 'Claims1795463078322';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`calendar_days\` (\`date\` varchar(10) NOT NULL, \`workday\` tinyint NOT NULL, \`note\` varchar(50) NULL, PRIMARY KEY (\`date\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`attachments\` (\`id\` varchar(36) NOT NULL, \`ownerId\` varchar(36) NOT NULL, \`claimId\` varchar(36) NULL, \`mime\` varchar(20) NOT NULL, \`size\` int NOT NULL, \`sha256\` varchar(64) NOT NULL, \`storageKey\` varchar(100) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_attachments_owner\` (\`ownerId\`), INDEX \`ix_attachments_claim\` (\`claimId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`claim_events\` (\`id\` varchar(36) NOT NULL, \`claimId\` varchar(36) NOT NULL, \`at\` datetime(3) NOT NULL, \`seq\` int NOT NULL, \`actorId\` varchar(36) NULL, \`actorRole\` varchar(10) NOT NULL, \`kind\` varchar(20) NOT NULL, \`note\` text NULL, \`visibleToWorker\` tinyint NOT NULL, \`fromStatus\` varchar(12) NOT NULL, \`toStatus\` varchar(12) NOT NULL, \`data\` text NULL, INDEX \`ix_claim_events_claim_at\` (\`claimId\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`claims\` (\`id\` varchar(36) NOT NULL, \`number\` varchar(20) NOT NULL, \`workerId\` varchar(36) NOT NULL, \`category\` varchar(20) NOT NULL, \`employerOrgId\` varchar(36) NULL, \`employerName\` varchar(100) NOT NULL, \`amountFen\` int NULL, \`description\` text NOT NULL, \`contactPreference\` varchar(10) NOT NULL, \`status\` varchar(12) NOT NULL, \`orgId\` varchar(36) NOT NULL, \`assigneeId\` varchar(36) NULL, \`tier\` int NOT NULL, \`routedBy\` varchar(12) NOT NULL, \`firstResponseDueAt\` datetime(3) NOT NULL, \`firstResponseAt\` datetime(3) NULL, \`mediationDueAt\` datetime(3) NULL, \`deadlineEstimated\` tinyint NOT NULL, \`department\` varchar(20) NULL, \`outcome\` varchar(20) NULL, \`amountRecoveredFen\` int NULL, \`outcomeSummary\` varchar(500) NULL, \`ratingScore\` int NULL, \`ratingComment\` varchar(500) NULL, \`reopenCount\` int NOT NULL, \`submittedAt\` datetime(3) NOT NULL, \`acceptedAt\` datetime(3) NULL, \`resolvedAt\` datetime(3) NULL, \`ratedAt\` datetime(3) NULL, \`closedAt\` datetime(3) NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_claims_number\` (\`number\`), INDEX \`ix_claims_worker\` (\`workerId\`), INDEX \`ix_claims_org\` (\`orgId\`), INDEX \`ix_claims_assignee\` (\`assigneeId\`), INDEX \`ix_claims_submitted\` (\`submittedAt\`, \`id\`), INDEX \`ix_claims_org_status\` (\`orgId\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE \`orgs\` ADD \`mediationWorkdays\` int NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`orgs\` DROP COLUMN \`mediationWorkdays\``);
    await q.query(`DROP INDEX \`ix_claims_org_status\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_submitted\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_assignee\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_org\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_worker\` ON \`claims\``);
    await q.query(`DROP INDEX \`uq_claims_number\` ON \`claims\``);
    await q.query(`DROP TABLE \`claims\``);
    await q.query(`DROP INDEX \`ix_claim_events_claim_at\` ON \`claim_events\``);
    await q.query(`DROP TABLE \`claim_events\``);
    await q.query(`DROP INDEX \`ix_attachments_claim\` ON \`attachments\``);
    await q.query(`DROP INDEX \`ix_attachments_owner\` ON \`attachments\``);
    await q.query(`DROP TABLE \`attachments\``);
    await q.query(`DROP TABLE \`calendar_days\``);
  }
}
