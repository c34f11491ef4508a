import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Memberships1795461927796 implements MigrationInterface {
  name = 'Memberships1795461927796';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "counters" ("name" varchar(40) PRIMARY KEY NOT NULL, "value" integer NOT NULL)`);
    await q.query(`CREATE TABLE "inbox_messages" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "kind" varchar(32) NOT NULL, "title" varchar(100) NOT NULL, "body" varchar(500) NOT NULL, "link" varchar(200), "createdAt" datetime(3) NOT NULL, "readAt" datetime(3))`);
    await q.query(`CREATE INDEX "ix_inbox_user_created" ON "inbox_messages" ("userId", "createdAt") `);
    await q.query(`CREATE TABLE "membership_applications" ("id" varchar(36) PRIMARY KEY NOT NULL, "userId" varchar(36) NOT NULL, "orgId" varchar(36) NOT NULL, "kind" varchar(10) NOT NULL, "status" varchar(10) NOT NULL, "name" varchar(50) NOT NULL, "mobile" varchar(255) NOT NULL, "mobileHash" varchar(64) NOT NULL, "idNumber" varchar(255) NOT NULL, "idHash" varchar(64) NOT NULL, "employer" varchar(100) NOT NULL, "occupation" varchar(20) NOT NULL, "city" varchar(50) NOT NULL, "consentAt" datetime(3) NOT NULL, "openKey" varchar(64), "fromMembershipId" varchar(36), "transferReason" varchar(200), "submittedAt" datetime(3) NOT NULL, "decidedAt" datetime(3), "decidedBy" varchar(36), "decisionReason" varchar(300), "membershipId" varchar(36))`);
    await q.query(`CREATE INDEX "ix_app_user" ON "membership_applications" ("userId") `);
    await q.query(`CREATE INDEX "ix_app_id_hash" ON "membership_applications" ("idHash") `);
    await q.query(`CREATE UNIQUE INDEX "uq_app_open_key" ON "membership_applications" ("openKey") `);
    await q.query(`CREATE INDEX "ix_app_org_status_submitted" ON "membership_applications" ("orgId", "status", "submittedAt") `);
    await q.query(`CREATE TABLE "memberships" ("id" varchar(36) PRIMARY KEY NOT NULL, "memberNo" varchar(20) NOT NULL, "userId" varchar(36) NOT NULL, "orgId" varchar(36) NOT NULL, "idHash" varchar(64) NOT NULL, "name" varchar(50) NOT NULL, "status" varchar(10) NOT NULL, "activeKey" varchar(64), "applicationId" varchar(36) NOT NULL, "since" datetime(3) NOT NULL, "endedAt" datetime(3), "endReason" varchar(100))`);
    await q.query(`CREATE UNIQUE INDEX "uq_memberships_no" ON "memberships" ("memberNo") `);
    await q.query(`CREATE INDEX "ix_memberships_user" ON "memberships" ("userId") `);
    await q.query(`CREATE INDEX "ix_memberships_org" ON "memberships" ("orgId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_memberships_active_key" ON "memberships" ("activeKey") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_memberships_active_key"`);
    await q.query(`DROP INDEX "ix_memberships_org"`);
    await q.query(`DROP INDEX "ix_memberships_user"`);
    await q.query(`DROP INDEX "uq_memberships_no"`);
    await q.query(`DROP TABLE "memberships"`);
    await q.query(`DROP INDEX "ix_app_org_status_submitted"`);
    await q.query(`DROP INDEX "uq_app_open_key"`);
    await q.query(`DROP INDEX "ix_app_id_hash"`);
    await q.query(`DROP INDEX "ix_app_user"`);
    await q.query(`DROP TABLE "membership_applications"`);
    await q.query(`DROP INDEX "ix_inbox_user_created"`);
    await q.query(`DROP TABLE "inbox_messages"`);
    await q.query(`DROP TABLE "counters"`);
  }
}
