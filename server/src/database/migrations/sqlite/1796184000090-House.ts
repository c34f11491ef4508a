import type { MigrationInterface, QueryRunner } from 'typeorm';

export class House1796184000090 implements MigrationInterface {
  name = 'House1796184000090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "job_runs" ("id" varchar(36) PRIMARY KEY NOT NULL, "job" varchar(64) NOT NULL, "slot" varchar(24) NOT NULL, "owner" varchar(100) NOT NULL, "attempts" integer NOT NULL, "startedAt" datetime(3) NOT NULL, "leaseUntil" datetime(3) NOT NULL, "finishedAt" datetime(3), "error" varchar(200))`);
    await q.query(`CREATE INDEX "ix_job_runs_open" ON "job_runs" ("job", "finishedAt") `);
    await q.query(`CREATE UNIQUE INDEX "uq_job_runs_slot" ON "job_runs" ("job", "slot") `);
    await q.query(`CREATE TABLE "notice_outbox" ("id" varchar(36) PRIMARY KEY NOT NULL, "dedupeKey" varchar(160) NOT NULL, "channel" varchar(16) NOT NULL, "userId" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "templateKey" varchar(32) NOT NULL, "payload" text NOT NULL, "state" varchar(12) NOT NULL, "attempts" integer NOT NULL, "nextAttemptAt" datetime(3) NOT NULL, "leaseUntil" datetime(3), "lastError" varchar(200), "createdAt" datetime(3) NOT NULL, "doneAt" datetime(3))`);
    await q.query(`CREATE UNIQUE INDEX "uq_outbox_dedupe" ON "notice_outbox" ("dedupeKey") `);
    await q.query(`CREATE INDEX "ix_outbox_due" ON "notice_outbox" ("state", "nextAttemptAt") `);
    await q.query(`CREATE TABLE "subscribe_credits" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "templateId" varchar(64) NOT NULL, "credits" integer NOT NULL, "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "uq_subscribe_credit" ON "subscribe_credits" ("userId", "templateId") `);
    await q.query(`CREATE TABLE "wechat_tokens" ("appid" varchar(64) PRIMARY KEY NOT NULL, "accessToken" varchar(1024) NOT NULL, "expiresAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`DROP INDEX "ix_inbox_user_created"`);
    await q.query(`CREATE TABLE "temporary_inbox_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "title" varchar(100) NOT NULL, "body" varchar(500) NOT NULL, "link" varchar(200), "createdAt" datetime(3) NOT NULL, "readAt" datetime(3), "dedupeKey" varchar(160))`);
    await q.query(`INSERT INTO "temporary_inbox_messages"("id", "userId", "kind", "title", "body", "link", "createdAt", "readAt") SELECT "id", "userId", "kind", "title", "body", "link", "createdAt", "readAt" FROM "inbox_messages"`);
    await q.query(`DROP TABLE "inbox_messages"`);
    await q.query(`ALTER TABLE "temporary_inbox_messages" RENAME TO "inbox_messages"`);
    await q.query(`CREATE INDEX "ix_inbox_user_created" ON "inbox_messages" ("userId", "createdAt") `);
    await q.query(`CREATE UNIQUE INDEX "uq_inbox_dedupe" ON "inbox_messages" ("dedupeKey") `);
    await q.query(`CREATE INDEX "ix_inbox_user_read" ON "inbox_messages" ("userId", "readAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_inbox_user_read"`);
    await q.query(`DROP INDEX "uq_inbox_dedupe"`);
    await q.query(`DROP INDEX "ix_inbox_user_created"`);
    await q.query(`ALTER TABLE "inbox_messages" RENAME TO "temporary_inbox_messages"`);
    await q.query(`CREATE TABLE "inbox_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "title" varchar(100) NOT NULL, "body" varchar(500) NOT NULL, "link" varchar(200), "createdAt" datetime(3) NOT NULL, "readAt" datetime(3))`);
    await q.query(`INSERT INTO "inbox_messages"("id", "userId", "kind", "title", "body", "link", "createdAt", "readAt") SELECT "id", "userId", "kind", "title", "body", "link", "createdAt", "readAt" FROM "temporary_inbox_messages"`);
    await q.query(`DROP TABLE "temporary_inbox_messages"`);
    await q.query(`CREATE INDEX "ix_inbox_user_created" ON "inbox_messages" ("userId", "createdAt") `);
    await q.query(`DROP TABLE "wechat_tokens"`);
    await q.query(`DROP INDEX "uq_subscribe_credit"`);
    await q.query(`DROP TABLE "subscribe_credits"`);
    await q.query(`DROP INDEX "ix_outbox_due"`);
    await q.query(`DROP INDEX "uq_outbox_dedupe"`);
    await q.query(`DROP TABLE "notice_outbox"`);
    await q.query(`DROP INDEX "uq_job_runs_slot"`);
    await q.query(`DROP INDEX "ix_job_runs_open"`);
    await q.query(`DROP TABLE "job_runs"`);
  }
}
