import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Admin1796185062513 implements MigrationInterface {
  name = 'Admin1796185062513';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "staff_invitations" ("id" varchar(36) PRIMARY KEY NOT NULL, "mobileHash" varchar(64) NOT NULL, "mobileMasked" varchar(16) NOT NULL, "role" varchar(20) NOT NULL, "orgId" varchar(36) NOT NULL, "scopeRef" varchar(64), "grantKey" varchar(140) NOT NULL, "invitedBy" varchar(36), "createdAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_staff_invitations_org" ON "staff_invitations" ("orgId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_staff_invitations_grant" ON "staff_invitations" ("mobileHash", "grantKey") `);
    await q.query(`CREATE TABLE "audit_log" ("id" varchar(36) PRIMARY KEY NOT NULL, "at" datetime(3) NOT NULL, "actorId" varchar(36), "actorRole" varchar(20), "actorOrgId" varchar(36), "action" varchar(32) NOT NULL, "subjectUserId" varchar(36), "subjectHash" varchar(64), "subjectMasked" varchar(64), "objectType" varchar(32), "objectId" varchar(64), "orgId" varchar(36), "requestId" varchar(64), "detail" varchar(1000))`);
    await q.query(`CREATE INDEX "ix_audit_subject_hash_at" ON "audit_log" ("subjectHash", "at") `);
    await q.query(`CREATE INDEX "ix_audit_subject_user_at" ON "audit_log" ("subjectUserId", "at") `);
    await q.query(`CREATE INDEX "ix_audit_action_at" ON "audit_log" ("action", "at") `);
    await q.query(`CREATE INDEX "ix_audit_actor_at" ON "audit_log" ("actorId", "at") `);
    await q.query(`CREATE INDEX "ix_audit_at" ON "audit_log" ("at", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_audit_at"`);
    await q.query(`DROP INDEX "ix_audit_actor_at"`);
    await q.query(`DROP INDEX "ix_audit_action_at"`);
    await q.query(`DROP INDEX "ix_audit_subject_user_at"`);
    await q.query(`DROP INDEX "ix_audit_subject_hash_at"`);
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP INDEX "uq_staff_invitations_grant"`);
    await q.query(`DROP INDEX "ix_staff_invitations_org"`);
    await q.query(`DROP TABLE "staff_invitations"`);
  }
}
