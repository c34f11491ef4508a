import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Memberships1795461928158 implements MigrationInterface {
  name = 'Memberships1795461928158';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`counters\` (\`name\` varchar(40) NOT NULL, \`value\` int NOT NULL, PRIMARY KEY (\`name\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`inbox_messages\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`kind\` varchar(32) NOT NULL, \`title\` varchar(100) NOT NULL, \`body\` varchar(500) NOT NULL, \`link\` varchar(200) NULL, \`createdAt\` datetime(3) NOT NULL, \`readAt\` datetime(3) NULL, INDEX \`ix_inbox_user_created\` (\`userId\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`membership_applications\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`orgId\` varchar(36) NOT NULL, \`kind\` varchar(10) NOT NULL, \`status\` varchar(10) NOT NULL, \`name\` varchar(50) NOT NULL, \`mobile\` varchar(255) NOT NULL, \`mobileHash\` varchar(64) NOT NULL, \`idNumber\` varchar(255) NOT NULL, \`idHash\` varchar(64) NOT NULL, \`employer\` varchar(100) NOT NULL, \`occupation\` varchar(20) NOT NULL, \`city\` varchar(50) NOT NULL, \`consentAt\` datetime(3) NOT NULL, \`openKey\` varchar(64) NULL, \`fromMembershipId\` varchar(36) NULL, \`transferReason\` varchar(200) NULL, \`submittedAt\` datetime(3) NOT NULL, \`decidedAt\` datetime(3) NULL, \`decidedBy\` varchar(36) NULL, \`decisionReason\` varchar(300) NULL, \`membershipId\` varchar(36) NULL, INDEX \`ix_app_user\` (\`userId\`), INDEX \`ix_app_id_hash\` (\`idHash\`), UNIQUE INDEX \`uq_app_open_key\` (\`openKey\`), INDEX \`ix_app_org_status_submitted\` (\`orgId\`, \`status\`, \`submittedAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`memberships\` (\`id\` varchar(36) NOT NULL, \`memberNo\` varchar(20) NOT NULL, \`userId\` varchar(36) NOT NULL, \`orgId\` varchar(36) NOT NULL, \`idHash\` varchar(64) NOT NULL, \`name\` varchar(50) NOT NULL, \`status\` varchar(10) NOT NULL, \`activeKey\` varchar(64) NULL, \`applicationId\` varchar(36) NOT NULL, \`since\` datetime(3) NOT NULL, \`endedAt\` datetime(3) NULL, \`endReason\` varchar(100) NULL, UNIQUE INDEX \`uq_memberships_no\` (\`memberNo\`), INDEX \`ix_memberships_user\` (\`userId\`), INDEX \`ix_memberships_org\` (\`orgId\`), UNIQUE INDEX \`uq_memberships_active_key\` (\`activeKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`uq_memberships_active_key\` ON \`memberships\``);
    await q.query(`DROP INDEX \`ix_memberships_org\` ON \`memberships\``);
    await q.query(`DROP INDEX \`ix_memberships_user\` ON \`memberships\``);
    await q.query(`DROP INDEX \`uq_memberships_no\` ON \`memberships\``);
    await q.query(`DROP TABLE \`memberships\``);
    await q.query(`DROP INDEX \`ix_app_org_status_submitted\` ON \`membership_applications\``);
    await q.query(`DROP INDEX \`uq_app_open_key\` ON \`membership_applications\``);
    await q.query(`DROP INDEX \`ix_app_id_hash\` ON \`membership_applications\``);
    await q.query(`DROP INDEX \`ix_app_user\` ON \`membership_applications\``);
    await q.query(`DROP TABLE \`membership_applications\``);
    await q.query(`DROP INDEX \`ix_inbox_user_created\` ON \`inbox_messages\``);
    await q.query(`DROP TABLE \`inbox_messages\``);
    await q.query(`DROP TABLE \`counters\``);
  }
}
