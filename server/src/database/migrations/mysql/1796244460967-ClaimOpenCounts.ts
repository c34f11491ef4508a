import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboards' "now" figures from counters kept in the claims' transactions: `claim_open_counts` (claims with a
 * running deadline per org) and `claim_figures.medOpen` (unresolved claims with a mediation deadline), both
 * backfilled here; the late-count indexes reordered to range on the deadline (only the claims still in time are read).
 */
export class ClaimOpenCounts1796244460967 implements MigrationInterface {
  name = 'ClaimOpenCounts1796244460967';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`claim_open_counts\` (\`orgId\` varchar(36) NOT NULL, \`running\` int NOT NULL, PRIMARY KEY (\`orgId\`)) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE \`claim_figures\` ADD \`medOpen\` int NOT NULL DEFAULT '0'`);
    await q.query(`DROP INDEX \`ix_claims_unanswered\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_unresolved\` ON \`claims\``);
    await q.query(`CREATE INDEX \`ix_claims_unanswered\` ON \`claims\` (\`firstResponseAt\`, \`firstResponseDueAt\`, \`submittedAt\`, \`orgId\`)`);
    await q.query(`CREATE INDEX \`ix_claims_unresolved\` ON \`claims\` (\`resolvedAt\`, \`mediationDueAt\`, \`submittedAt\`, \`orgId\`)`);
    // backfill: the same counts ClaimFigures keeps from now on
    await q.query(`INSERT INTO \`claim_open_counts\` (\`orgId\`, \`running\`) SELECT \`orgId\`, COUNT(*) FROM \`claims\` WHERE \`dueAt\` IS NOT NULL GROUP BY \`orgId\``);
    await q.query(`UPDATE \`claim_figures\` f JOIN (SELECT \`orgId\`, DATE_FORMAT(DATE_ADD(\`submittedAt\`, INTERVAL 8 HOUR), '%Y-%m') AS m, \`category\`, \`handlingTier\`, COUNT(*) AS n FROM \`claims\` WHERE \`mediationDueAt\` IS NOT NULL AND \`resolvedAt\` IS NULL GROUP BY \`orgId\`, DATE_FORMAT(DATE_ADD(\`submittedAt\`, INTERVAL 8 HOUR), '%Y-%m'), \`category\`, \`handlingTier\`) x ON f.\`orgId\` = x.\`orgId\` AND f.\`month\` = x.m AND f.\`category\` = x.\`category\` AND f.\`handlingTier\` = x.\`handlingTier\` SET f.\`medOpen\` = x.n`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_claims_unresolved\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_unanswered\` ON \`claims\``);
    await q.query(`CREATE INDEX \`ix_claims_unresolved\` ON \`claims\` (\`resolvedAt\`, \`submittedAt\`, \`orgId\`, \`mediationDueAt\`)`);
    await q.query(`CREATE INDEX \`ix_claims_unanswered\` ON \`claims\` (\`firstResponseAt\`, \`submittedAt\`, \`orgId\`, \`firstResponseDueAt\`)`);
    await q.query(`ALTER TABLE \`claim_figures\` DROP COLUMN \`medOpen\``);
    await q.query(`DROP TABLE \`claim_open_counts\``);
  }
}
