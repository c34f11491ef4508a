import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Stations1795463506501 implements MigrationInterface {
  name = 'Stations1795463506501';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`station_events\` (\`id\` varchar(36) NOT NULL, \`stationId\` varchar(36) NOT NULL, \`title\` varchar(100) NOT NULL, \`kind\` varchar(20) NOT NULL, \`description\` varchar(500) NULL, \`startsAt\` datetime(3) NOT NULL, \`endsAt\` datetime(3) NOT NULL, \`capacity\` int NOT NULL, \`signedUp\` int NOT NULL, \`status\` varchar(10) NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, INDEX \`ix_station_events_station_start\` (\`stationId\`, \`startsAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`event_signups\` (\`id\` varchar(36) NOT NULL, \`eventId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`activeKey\` varchar(36) NULL, \`createdAt\` datetime(3) NOT NULL, \`cancelledAt\` datetime(3) NULL, INDEX \`ix_event_signups_user\` (\`userId\`), UNIQUE INDEX \`uq_event_signups_active\` (\`eventId\`, \`activeKey\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`station_ratings\` (\`id\` varchar(36) NOT NULL, \`stationId\` varchar(36) NOT NULL, \`userId\` varchar(36) NOT NULL, \`day\` varchar(10) NOT NULL, \`score\` int NOT NULL, \`comment\` varchar(300) NULL, \`createdAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_station_ratings_day\` (\`stationId\`, \`userId\`, \`day\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
    await q.query(`CREATE TABLE \`stations\` (\`id\` varchar(36) NOT NULL, \`code\` varchar(32) NOT NULL, \`name\` varchar(100) NOT NULL, \`address\` varchar(200) NOT NULL, \`district\` varchar(20) NOT NULL, \`lat\` decimal(9,6) NOT NULL, \`lng\` decimal(9,6) NOT NULL, \`level\` varchar(10) NOT NULL, \`parentId\` varchar(36) NULL, \`hostType\` varchar(20) NOT NULL, \`phone\` varchar(30) NULL, \`photos\` text NOT NULL, \`hours\` text NOT NULL, \`closures\` text NOT NULL, \`services\` text NOT NULL, \`status\` varchar(10) NOT NULL, \`orgId\` varchar(36) NOT NULL, \`ratingSum\` int NOT NULL, \`ratingCount\` int NOT NULL, \`createdAt\` datetime(3) NOT NULL, \`updatedAt\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_stations_code\` (\`code\`), INDEX \`ix_stations_org\` (\`orgId\`), INDEX \`ix_stations_district\` (\`district\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_stations_district\` ON \`stations\``);
    await q.query(`DROP INDEX \`ix_stations_org\` ON \`stations\``);
    await q.query(`DROP INDEX \`uq_stations_code\` ON \`stations\``);
    await q.query(`DROP TABLE \`stations\``);
    await q.query(`DROP INDEX \`uq_station_ratings_day\` ON \`station_ratings\``);
    await q.query(`DROP TABLE \`station_ratings\``);
    await q.query(`DROP INDEX \`uq_event_signups_active\` ON \`event_signups\``);
    await q.query(`DROP INDEX \`ix_event_signups_user\` ON \`event_signups\``);
    await q.query(`DROP TABLE \`event_signups\``);
    await q.query(`DROP INDEX \`ix_station_events_station_start\` ON \`station_events\``);
    await q.query(`DROP TABLE \`station_events\``);
  }
}
