import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ModelWorkers1796219279985 implements MigrationInterface {
  name = 'ModelWorkers1796219279985';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`benefit_model_workers\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`orgId\` varchar(36) NOT NULL, \`honour\` varchar(40) NOT NULL, \`flaggedBy\` varchar(36) NOT NULL, \`flaggedAt\` datetime(3) NOT NULL, INDEX \`ix_benefit_model_workers_org\` (\`orgId\`, \`flaggedAt\`), UNIQUE INDEX \`uq_benefit_model_workers_user\` (\`userId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE \`benefit_campaigns\` ADD \`modelWorkersOnly\` tinyint NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE \`benefit_campaigns\` DROP COLUMN \`modelWorkersOnly\``);
    await q.query(`DROP INDEX \`uq_benefit_model_workers_user\` ON \`benefit_model_workers\``);
    await q.query(`DROP INDEX \`ix_benefit_model_workers_org\` ON \`benefit_model_workers\``);
    await q.query(`DROP TABLE \`benefit_model_workers\``);
  }
}
