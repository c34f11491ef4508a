import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795461285663 implements MigrationInterface {
  name = 'Init1795461285663';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "refresh_tokens" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "family" varchar(36) NOT NULL, "tokenHash" varchar(64) NOT NULL, "expiresAt" datetime(3) NOT NULL, "usedAt" datetime(3), "revokedAt" datetime(3), "createdAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_refresh_tokens_user" ON "refresh_tokens" ("userId") `);
    await q.query(`CREATE INDEX "ix_refresh_tokens_family" ON "refresh_tokens" ("family") `);
    await q.query(`CREATE UNIQUE INDEX "uq_refresh_tokens_hash" ON "refresh_tokens" ("tokenHash") `);
    await q.query(`CREATE TABLE "sms_codes" ("id" varchar(36) PRIMARY KEY NOT NULL, "mobileHash" varchar(64) NOT NULL, "codeHash" varchar(64) NOT NULL, "attempts" integer NOT NULL, "expiresAt" datetime(3) NOT NULL, "consumedAt" datetime(3), "createdAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_sms_codes_mobile_created" ON "sms_codes" ("mobileHash", "createdAt") `);
    await q.query(`CREATE TABLE "idempotency_records" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "routeKey" varchar(160) NOT NULL, "idemKey" varchar(100) NOT NULL, "requestHash" varchar(64) NOT NULL, "state" varchar(10) NOT NULL, "responseStatus" integer, "responseBody" text, "createdAt" datetime(3) NOT NULL, "expiresAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_idempotency_expires" ON "idempotency_records" ("expiresAt") `);
    await q.query(`CREATE UNIQUE INDEX "uq_idempotency" ON "idempotency_records" ("userId", "routeKey", "idemKey") `);
    await q.query(`CREATE TABLE "orgs" ("id" varchar(36) PRIMARY KEY NOT NULL, "code" varchar(32) NOT NULL, "name" varchar(100) NOT NULL, "level" varchar(16) NOT NULL, "parentId" varchar(36), "path" varchar(400) NOT NULL, "depth" integer NOT NULL, "autoApprove" boolean NOT NULL, "catchAll" boolean NOT NULL, "isMediationCentre" boolean NOT NULL, "active" boolean NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "uq_orgs_code" ON "orgs" ("code") `);
    await q.query(`CREATE INDEX "ix_orgs_parent" ON "orgs" ("parentId") `);
    await q.query(`CREATE INDEX "ix_orgs_path" ON "orgs" ("path") `);
    await q.query(`CREATE TABLE "user_roles" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "role" varchar(20) NOT NULL, "orgId" varchar(36), "scopeRef" varchar(64), "createdAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_user_roles_user" ON "user_roles" ("userId") `);
    await q.query(`CREATE INDEX "ix_user_roles_org" ON "user_roles" ("orgId") `);
    await q.query(`CREATE TABLE "users" ("id" varchar(36) PRIMARY KEY NOT NULL, "openid" varchar(64), "unionid" varchar(64), "mobile" varchar(255), "mobileHash" varchar(64), "nickname" varchar(64), "createdAt" datetime(3) NOT NULL, "lastLoginAt" datetime(3))`);
    await q.query(`CREATE UNIQUE INDEX "uq_users_openid" ON "users" ("openid") `);
    await q.query(`CREATE UNIQUE INDEX "uq_users_mobile_hash" ON "users" ("mobileHash") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_users_mobile_hash"`);
    await q.query(`DROP INDEX "uq_users_openid"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP INDEX "ix_user_roles_org"`);
    await q.query(`DROP INDEX "ix_user_roles_user"`);
    await q.query(`DROP TABLE "user_roles"`);
    await q.query(`DROP INDEX "ix_orgs_path"`);
    await q.query(`DROP INDEX "ix_orgs_parent"`);
    await q.query(`DROP INDEX "uq_orgs_code"`);
    await q.query(`DROP TABLE "orgs"`);
    await q.query(`DROP INDEX "uq_idempotency"`);
    await q.query(`DROP INDEX "ix_idempotency_expires"`);
    await q.query(`DROP TABLE "idempotency_records"`);
    await q.query(`DROP INDEX "ix_sms_codes_mobile_created"`);
    await q.query(`DROP TABLE "sms_codes"`);
    await q.query(`DROP INDEX "uq_refresh_tokens_hash"`);
    await q.query(`DROP INDEX "ix_refresh_tokens_family"`);
    await q.query(`DROP INDEX "ix_refresh_tokens_user"`);
    await q.query(`DROP TABLE "refresh_tokens"`);
  }
}
