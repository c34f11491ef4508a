import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795461285988 implements MigrationInterface {
  name = 'Init1795461285988';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`refresh_tokens\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`family\` varchar(36) NOT NULL, \`tokenHash\` varchar(64) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`usedAt\` datetime(3) NULL, \`revokedAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_refresh_tokens_user\` (\`userId\`), INDEX \`ix_refresh_tokens_family\` (\`family\`), UNIQUE INDEX \`uq_refresh_tokens_hash\` (\`tokenHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`sms_codes\` (\`id\` varchar(36) NOT NULL, \`mobileHash\` varchar(64) NOT NULL, \`codeHash\` varchar(64) NOT NULL, \`attempts\` int NOT NULL, \`expiresAt\` datetime(3) NOT NULL, \`consumedAt\` datetime(3) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_sms_codes_mobile_created\` (\`mobileHash\`, \`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`idempotency_records\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`routeKey\` varchar(160) NOT NULL, \`idemKey\` varchar(100) NOT NULL, \`requestHash\` varchar(64) NOT NULL, \`state\` varchar(10) NOT NULL, \`responseStatus\` int NULL, \`responseBody\` text NULL, \`createdAt\` datetime(3) NOT NULL, \`expiresAt\` datetime(3) NOT NULL, INDEX \`ix_idempotency_expires\` (\`expiresAt\`), UNIQUE INDEX \`uq_idempotency\` (\`userId\`, \`routeKey\`, \`idemKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`orgs\` (\`id\` varchar(36) NOT NULL, \`code\` varchar(32) NOT NULL, \`name\` varchar(100) NOT NULL, \`level\` varchar(16) NOT NULL, \`parentId\` varchar(36) NULL, \`path\` varchar(400) NOT NULL, \`depth\` int NOT NULL, \`autoApprove\` tinyint NOT NULL, \`catchAll\` tinyint NOT NULL, \`isMediationCentre\` tinyint NOT NULL, \`active\` tinyint NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_orgs_code\` (\`code\`), INDEX \`ix_orgs_parent\` (\`parentId\`), INDEX \`ix_orgs_path\` (\`path\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`user_roles\` (\`id\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`role\` varchar(20) NOT NULL, \`orgId\` varchar(36) NULL, \`scopeRef\` varchar(64) NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_user_roles_user\` (\`userId\`), INDEX \`ix_user_roles_org\` (\`orgId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`users\` (\`id\` varchar(36) NOT NULL, \`openid\` varchar(64) NULL, \`unionid\` varchar(64) NULL, \`mobile\` varchar(255) NULL, \`mobileHash\` varchar(64) NULL, \`nickname\` varchar(64) NULL, \`createdAt\` datetime(3) NOT NULL, \`lastLoginAt\` datetime(3) NULL, UNIQUE INDEX \`uq_users_openid\` (\`openid\`), UNIQUE INDEX \`uq_users_mobile_hash\` (\`mobileHash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`uq_users_mobile_hash\` ON \`users\``);
    await q.query(`DROP INDEX \`uq_users_openid\` ON \`users\``);
    await q.query(`DROP TABLE \`users\``);
    await q.query(`DROP INDEX \`ix_user_roles_org\` ON \`user_roles\``);
    await q.query(`DROP INDEX \`ix_user_roles_user\` ON \`user_roles\``);
    await q.query(`DROP TABLE \`user_roles\``);
    await q.query(`DROP INDEX \`ix_orgs_path\` ON \`orgs\``);
    await q.query(`DROP INDEX \`ix_orgs_parent\` ON \`orgs\``);
    await q.query(`DROP INDEX \`uq_orgs_code\` ON \`orgs\``);
    await q.query(`DROP TABLE \`orgs\``);
    await q.query(`DROP INDEX \`uq_idempotency\` ON \`idempotency_records\``);
    await q.query(`DROP INDEX \`ix_idempotency_expires\` ON \`idempotency_records\``);
    await q.query(`DROP TABLE \`idempotency_records\``);
    await q.query(`DROP INDEX \`ix_sms_codes_mobile_created\` ON \`sms_codes\``);
    await q.query(`DROP TABLE \`sms_codes\``);
    await q.query(`DROP INDEX \`uq_refresh_tokens_hash\` ON \`refresh_tokens\``);
    await q.query(`DROP INDEX \`ix_refresh_tokens_family\` ON \`refresh_tokens\``);
    await q.query(`DROP INDEX \`ix_refresh_tokens_user\` ON \`refresh_tokens\``);
    await q.query(`DROP TABLE \`refresh_tokens\``);
  }
}
