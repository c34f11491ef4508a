import type { MigrationInterface, QueryRunner } from 'typeorm';

export class House1796184002489 implements MigrationInterface {
  name = 'House1796184002489';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`job_runs\` (\`id\` varchar(36) NOT NULL, \`job\` varchar(64) NOT NULL, \`slot\` varchar(24) NOT NULL, \`owner\` varchar(100) NOT NULL, \`attempts\` int NOT NULL, \`startedAt\` datetime(3) NOT NULL, \`leaseUntil\` datetime(3) NOT NULL, \`finishedAt\` datetime(3) NULL, \`error\` varchar(200) NULL, INDEX \`ix_job_runs_open\` (\`job\`, \`finishedAt\`), UNIQUE INDEX \`uq_job_runs_slot\` (\`job\`, \`slot\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`notice_outbox\` (\`id\` varchar(36) NOT NULL, \`dedupeKey\` varchar(160) NOT NULL, \`channel\` varchar(16) NOT NULL, \`userId\` varchar(36) NOT NULL, \`kind\` varchar(32) NOT NULL, \`templateKey\` varchar(32) NOT NULL, \`payload\` text NOT NULL, \`state\` varchar(12) NOT NULL, \`attempts\` int NOT NULL, \`nextAttemptAt\` datetime(3) NOT NULL, \`leaseUntil\` datetime(3) NULL, \`lastError\` varchar(200) NULL, \`createdAt\` datetime(3) NOT NULL, \`doneAt\` datetime(3) NULL, UNIQUE INDEX \`uq_outbox_dedupe\` (\`dedupeKey\`), INDEX \`ix_outbox_due\` (\`state\`, \`nextAttemptAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`subscribe_credits\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`templateId\` varchar(64) NOT NULL, \`credits\` int NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_subscribe_credit\` (\`userId\`, \`templateId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`wechat_tokens\` (\`appid\` varchar(64) NOT NULL, \`accessToken\` varchar(1024) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`appid\`)) ENGINE=InnoDB`);
    await q.query(`ALTER TABLE \`inbox_messages\` ADD \`dedupeKey\` varchar(160) NULL`);
    await q.query(`CREATE UNIQUE INDEX \`uq_inbox_dedupe\` ON \`inbox_messages\` (\`dedupeKey\`)`);
    await q.query(`CREATE INDEX \`ix_inbox_user_read\` ON \`inbox_messages\` (\`userId\`, \`readAt\`)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_inbox_user_read\` ON \`inbox_messages\``);
    await q.query(`DROP INDEX \`uq_inbox_dedupe\` ON \`inbox_messages\``);
    await q.query(`ALTER TABLE \`inbox_messages\` DROP COLUMN \`dedupeKey\``);
    await q.query(`DROP TABLE \`wechat_tokens\``);
    await q.query(`DROP INDEX \`uq_subscribe_credit\` ON \`subscribe_credits\``);
    await q.query(`DROP TABLE \`subscribe_credits\``);
    await q.query(`DROP INDEX \`ix_outbox_due\` ON \`notice_outbox\``);
    await q.query(`DROP INDEX \`uq_outbox_dedupe\` ON \`notice_outbox\``);
    await q.query(`DROP TABLE \`notice_outbox\``);
    await q.query(`DROP INDEX \`uq_job_runs_slot\` ON \`job_runs\``);
    await q.query(`DROP INDEX \`ix_job_runs_open\` ON \`job_runs\``);
    await q.query(`DROP TABLE \`job_runs\``);
  }
}
