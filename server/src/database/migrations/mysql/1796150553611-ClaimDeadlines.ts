import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimDeadlines1796150553611 implements MigrationInterface {
  name = 'ClaimDeadlines1796150553611';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`calendar_years\` (\`year\` int NOT NULL, \`source\` varchar(20) NOT NULL, \`coveredAt\` datetime(3) NOT NULL, PRIMARY KEY (\`year\`)) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE \`claims\` ADD \`firstResponseEstimated\` tinyint NOT NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`mediationEstimated\` tinyint NOT NULL`);
    await q.query(`ALTER TABLE \`claims\` ADD \`dueAt\` datetime(3) NULL`);
    // one estimated flag per deadline (the old combined flag, split as well as it can be) and the deadline that applies now
    await q.query(
      `UPDATE \`claims\` SET \`firstResponseEstimated\` = \`deadlineEstimated\`, \`mediationEstimated\` = CASE WHEN \`mediationDueAt\` IS NOT NULL THEN \`deadlineEstimated\` ELSE 0 END, \`dueAt\` = CASE WHEN \`status\` IN ('submitted', 'escalated', 'reopened') THEN \`firstResponseDueAt\` WHEN \`status\` IN ('accepted', 'in_progress') THEN \`mediationDueAt\` ELSE NULL END`,
    );
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`deadlineEstimated\``);
    await q.query(`CREATE INDEX \`ix_claims_due\` ON \`claims\` (\`dueAt\`, \`submittedAt\`, \`id\`)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_claims_due\` ON \`claims\``);
    await q.query(`ALTER TABLE \`claims\` ADD \`deadlineEstimated\` tinyint NOT NULL`);
    await q.query(`UPDATE \`claims\` SET \`deadlineEstimated\` = \`firstResponseEstimated\` OR \`mediationEstimated\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`dueAt\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`mediationEstimated\``);
    await q.query(`ALTER TABLE \`claims\` DROP COLUMN \`firstResponseEstimated\``);
    await q.query(`DROP TABLE \`calendar_years\``);
  }
}
