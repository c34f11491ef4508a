import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Wishes1796186945642 implements MigrationInterface {
  name = 'Wishes1796186945642';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`wish_events\` (\`id\` varchar(36) NOT NULL, \`wishId\` varchar(36) NOT NULL, \`at\` datetime(3) NOT NULL, \`seq\` int NOT NULL, \`actorId\` varchar(36) NULL, \`actorRole\` varchar(10) NOT NULL, \`kind\` varchar(20) NOT NULL, \`fromStatus\` varchar(12) NOT NULL, \`toStatus\` varchar(12) NOT NULL, \`note\` varchar(400) NULL, \`data\` text NULL, INDEX \`ix_wish_events_wish\` (\`wishId\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`wish_photos\` (\`id\` varchar(36) NOT NULL, \`ownerId\` varchar(36) NOT NULL, \`wishId\` varchar(36) NULL, \`mime\` varchar(20) NOT NULL, \`size\` int NOT NULL, \`sha256\` varchar(64) NOT NULL, \`storageKey\` varchar(100) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_wish_photos_owner\` (\`ownerId\`), INDEX \`ix_wish_photos_wish\` (\`wishId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`wish_settings\` (\`orgId\` varchar(36) NOT NULL, \`valueCapFen\` int NOT NULL, \`yearlyLimit\` int NOT NULL, \`updatedBy\` varchar(36) NULL, \`updatedAt\` datetime(3) NOT NULL, PRIMARY KEY (\`orgId\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`wishes\` (\`id\` varchar(36) NOT NULL, \`number\` varchar(20) NOT NULL, \`wisherId\` varchar(36) NOT NULL, \`openKey\` varchar(36) NULL, \`alias\` varchar(20) NOT NULL, \`anonymous\` tinyint NOT NULL, \`orgId\` varchar(36) NOT NULL, \`memberOrgId\` varchar(36) NOT NULL, \`category\` varchar(12) NOT NULL, \`title\` varchar(40) NOT NULL, \`story\` text NOT NULL, \`valueFen\` int NOT NULL, \`photoId\` varchar(36) NULL, \`stationId\` varchar(36) NOT NULL, \`district\` varchar(20) NOT NULL, \`status\` varchar(12) NOT NULL, \`handover\` varchar(10) NOT NULL, \`donorId\` varchar(36) NULL, \`donorType\` varchar(10) NULL, \`donorName\` varchar(30) NULL, \`deliveryPhotoId\` varchar(36) NULL, \`rejectReason\` varchar(300) NULL, \`thanks\` varchar(400) NULL, \`closeNote\` varchar(300) NULL, \`postedAt\` datetime(3) NOT NULL, \`screeningDueAt\` datetime(3) NOT NULL, \`screeningDueEstimated\` tinyint NOT NULL, \`decidedAt\` datetime(3) NULL, \`publishedAt\` datetime(3) NULL, \`claimedAt\` datetime(3) NULL, \`deliveredAt\` datetime(3) NULL, \`receivedAt\` datetime(3) NULL, \`pickedUpAt\` datetime(3) NULL, \`fulfilledAt\` datetime(3) NULL, \`endedAt\` datetime(3) NULL, \`remindedAt\` datetime(3) NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_wishes_number\` (\`number\`), UNIQUE INDEX \`uq_wishes_open_key\` (\`openKey\`), INDEX \`ix_wishes_org\` (\`orgId\`), INDEX \`ix_wishes_station\` (\`stationId\`), INDEX \`ix_wishes_donor\` (\`donorId\`, \`status\`), INDEX \`ix_wishes_wisher\` (\`wisherId\`, \`postedAt\`), INDEX \`ix_wishes_screening\` (\`status\`, \`screeningDueAt\`, \`postedAt\`, \`id\`), INDEX \`ix_wishes_wall\` (\`status\`, \`publishedAt\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_wishes_wall\` ON \`wishes\``);
    await q.query(`DROP INDEX \`ix_wishes_screening\` ON \`wishes\``);
    await q.query(`DROP INDEX \`ix_wishes_wisher\` ON \`wishes\``);
    await q.query(`DROP INDEX \`ix_wishes_donor\` ON \`wishes\``);
    await q.query(`DROP INDEX \`ix_wishes_station\` ON \`wishes\``);
    await q.query(`DROP INDEX \`ix_wishes_org\` ON \`wishes\``);
    await q.query(`DROP INDEX \`uq_wishes_open_key\` ON \`wishes\``);
    await q.query(`DROP INDEX \`uq_wishes_number\` ON \`wishes\``);
    await q.query(`DROP TABLE \`wishes\``);
    await q.query(`DROP TABLE \`wish_settings\``);
    await q.query(`DROP INDEX \`ix_wish_photos_wish\` ON \`wish_photos\``);
    await q.query(`DROP INDEX \`ix_wish_photos_owner\` ON \`wish_photos\``);
    await q.query(`DROP TABLE \`wish_photos\``);
    await q.query(`DROP INDEX \`ix_wish_events_wish\` ON \`wish_events\``);
    await q.query(`DROP TABLE \`wish_events\``);
  }
}
