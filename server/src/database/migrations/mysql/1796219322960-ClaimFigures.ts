import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimFigures1796219322960 implements MigrationInterface {
  name = 'ClaimFigures1796219322960';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_claims_assignee\` ON \`claims\``);
    await q.query(`CREATE TABLE \`claim_figures\` (\`orgId\` varchar(36) NOT NULL, \`month\` varchar(7) NOT NULL, \`category\` varchar(20) NOT NULL, \`handlingTier\` int NOT NULL, \`received\` int NOT NULL, \`frOnTime\` int NOT NULL, \`frAnswered\` int NOT NULL, \`medOnTime\` int NOT NULL, \`medResolved\` int NOT NULL, \`mediated\` int NOT NULL, \`withOutcome\` int NOT NULL, \`resolved\` int NOT NULL, \`agreed\` bigint NOT NULL, \`recovered\` bigint NOT NULL, \`rated\` int NOT NULL, \`ratingSum\` int NOT NULL, \`satisfied\` int NOT NULL, PRIMARY KEY (\`orgId\`, \`month\`, \`category\`, \`handlingTier\`)) ENGINE=InnoDB`);
    await q.query(`CREATE INDEX \`ix_claims_assignee_status\` ON \`claims\` (\`assigneeId\`, \`status\`)`);
    await q.query(`CREATE INDEX \`ix_claims_unresolved\` ON \`claims\` (\`resolvedAt\`, \`submittedAt\`, \`orgId\`, \`mediationDueAt\`)`);
    await q.query(`CREATE INDEX \`ix_claims_unanswered\` ON \`claims\` (\`firstResponseAt\`, \`submittedAt\`, \`orgId\`, \`firstResponseDueAt\`)`);
    // backfill: the summary of every claim filed so far (Beijing month of filing), the same sums ClaimFigures keeps
    await q.query(`INSERT INTO \`claim_figures\` (\`orgId\`, \`month\`, \`category\`, \`handlingTier\`, \`received\`, \`frOnTime\`, \`frAnswered\`, \`medOnTime\`, \`medResolved\`, \`mediated\`, \`withOutcome\`, \`resolved\`, \`agreed\`, \`recovered\`, \`rated\`, \`ratingSum\`, \`satisfied\`) SELECT \`orgId\`, DATE_FORMAT(DATE_ADD(\`submittedAt\`, INTERVAL 8 HOUR), '%Y-%m'), \`category\`, \`handlingTier\`, COUNT(*), SUM(CASE WHEN \`firstResponseAt\` IS NOT NULL AND \`firstResponseAt\` <= \`firstResponseDueAt\` THEN 1 ELSE 0 END), SUM(CASE WHEN \`firstResponseAt\` IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN \`mediationDueAt\` IS NOT NULL AND \`resolvedAt\` IS NOT NULL AND \`resolvedAt\` <= \`mediationDueAt\` THEN 1 ELSE 0 END), SUM(CASE WHEN \`mediationDueAt\` IS NOT NULL AND \`resolvedAt\` IS NOT NULL THEN 1 ELSE 0 END), SUM(CASE WHEN \`outcome\` = 'mediated' THEN 1 ELSE 0 END), SUM(CASE WHEN \`outcome\` IS NOT NULL AND \`outcome\` <> 'withdrawn' THEN 1 ELSE 0 END), SUM(CASE WHEN \`resolvedAt\` IS NOT NULL THEN 1 ELSE 0 END), SUM(COALESCE(\`agreedFen\`, 0)), SUM(COALESCE(\`recoveredFen\`, 0)), SUM(CASE WHEN \`ratingScore\` IS NOT NULL THEN 1 ELSE 0 END), SUM(COALESCE(\`ratingScore\`, 0)), SUM(CASE WHEN \`ratingScore\` >= 4 THEN 1 ELSE 0 END) FROM \`claims\` GROUP BY \`orgId\`, DATE_FORMAT(DATE_ADD(\`submittedAt\`, INTERVAL 8 HOUR), '%Y-%m'), \`category\`, \`handlingTier\``);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_claims_unanswered\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_unresolved\` ON \`claims\``);
    await q.query(`DROP INDEX \`ix_claims_assignee_status\` ON \`claims\``);
    await q.query(`DROP TABLE \`claim_figures\``);
    await q.query(`CREATE INDEX \`ix_claims_assignee\` ON \`claims\` (\`assigneeId\`)`);
  }
}
