import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimExports1796194299702 implements MigrationInterface {
  name = 'ClaimExports1796194299702';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`claim_exports\` (\`id\` varchar(36) NOT NULL, \`requesterId\` varchar(36) NOT NULL, \`filters\` varchar(1000) NOT NULL, \`scope\` text NOT NULL, \`status\` varchar(10) NOT NULL, \`rowsTotal\` int NULL, \`rowsDone\` int NOT NULL, \`fileKey\` varchar(100) NULL, \`owner\` varchar(100) NULL, \`leaseUntil\` datetime(3) NULL, \`error\` varchar(200) NULL, \`createdAt\` datetime(3) NOT NULL, \`finishedAt\` datetime(3) NULL, INDEX \`ix_claim_exports_requester\` (\`requesterId\`), INDEX \`ix_claim_exports_status\` (\`status\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_claim_exports_status\` ON \`claim_exports\``);
    await q.query(`DROP INDEX \`ix_claim_exports_requester\` ON \`claim_exports\``);
    await q.query(`DROP TABLE \`claim_exports\``);
  }
}
