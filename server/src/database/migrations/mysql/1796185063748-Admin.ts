import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Admin1796185063748 implements MigrationInterface {
  name = 'Admin1796185063748';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`staff_invitations\` (\`id\` varchar(36) NOT NULL, \`mobileHash\` varchar(64) NOT NULL, \`mobileMasked\` varchar(16) NOT NULL, \`role\` varchar(20) NOT NULL, \`orgId\` varchar(36) NOT NULL, \`scopeRef\` varchar(64) NULL, \`grantKey\` varchar(140) NOT NULL, \`invitedBy\` varchar(36) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_staff_invitations_org\` (\`orgId\`), UNIQUE INDEX \`uq_staff_invitations_grant\` (\`mobileHash\`, \`grantKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`audit_log\` (\`id\` varchar(36) NOT NULL, \`at\` datetime(3) NOT NULL, \`actorId\` varchar(36) NULL, \`actorRole\` varchar(20) NULL, \`actorOrgId\` varchar(36) NULL, \`action\` varchar(32) NOT NULL, \`subjectUserId\` varchar(36) NULL, \`subjectHash\` varchar(64) NULL, \`subjectMasked\` varchar(64) NULL, \`objectType\` varchar(32) NULL, \`objectId\` varchar(64) NULL, \`orgId\` varchar(36) NULL, \`requestId\` varchar(64) NULL, \`detail\` varchar(1000) NULL, INDEX \`ix_audit_subject_hash_at\` (\`subjectHash\`, \`at\`), INDEX \`ix_audit_subject_user_at\` (\`subjectUserId\`, \`at\`), INDEX \`ix_audit_action_at\` (\`action\`, \`at\`), INDEX \`ix_audit_actor_at\` (\`actorId\`, \`at\`), INDEX \`ix_audit_at\` (\`at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_audit_at\` ON \`audit_log\``);
    await q.query(`DROP INDEX \`ix_audit_actor_at\` ON \`audit_log\``);
    await q.query(`DROP INDEX \`ix_audit_action_at\` ON \`audit_log\``);
    await q.query(`DROP INDEX \`ix_audit_subject_user_at\` ON \`audit_log\``);
    await q.query(`DROP INDEX \`ix_audit_subject_hash_at\` ON \`audit_log\``);
    await q.query(`DROP TABLE \`audit_log\``);
    await q.query(`DROP INDEX \`uq_staff_invitations_grant\` ON \`staff_invitations\``);
    await q.query(`DROP INDEX \`ix_staff_invitations_org\` ON \`staff_invitations\``);
    await q.query(`DROP TABLE \`staff_invitations\``);
  }
}
