import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Stations1795463506073 implements MigrationInterface {
  name = 'Stations1795463506073';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "station_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "stationId" varchar(36) NOT NULL, "title" varchar(100) NOT NULL, "kind" varchar(20) NOT NULL, "description" varchar(500), "startsAt" datetime(3) NOT NULL, "endsAt" datetime(3) NOT NULL, "capacity" integer NOT NULL, "signedUp" integer NOT NULL, "status" varchar(10) NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_station_events_station_start" ON "station_events" ("stationId", "startsAt") `);
    await q.query(`CREATE TABLE "event_signups" ("id" varchar(36) PRIMARY KEY NOT NULL, "eventId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "activeKey" varchar(36), "createdAt" datetime(3) NOT NULL, "cancelledAt" datetime(3))`);
    await q.query(`CREATE INDEX "ix_event_signups_user" ON "event_signups" ("userId") `);
    await q.query(`CREATE UNIQUE INDEX "uq_event_signups_active" ON "event_signups" ("eventId", "activeKey") `);
    await q.query(`CREATE TABLE "station_ratings" ("id" varchar(36) PRIMARY KEY NOT NULL, "stationId" varchar(36) NOT NULL, "userId" varchar(36) NOT NULL, "day" varchar(10) NOT NULL, "score" integer NOT NULL, "comment" varchar(300), "createdAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "uq_station_ratings_day" ON "station_ratings" ("stationId", "userId", "day") `);
    await q.query(`CREATE TABLE "stations" ("id" varchar(36) PRIMARY KEY NOT NULL, "code" varchar(32) NOT NULL, "name" varchar(100) NOT NULL, "address" varchar(200) NOT NULL, "district" varchar(20) NOT NULL, "lat" decimal(9,6) NOT NULL, "lng" decimal(9,6) NOT NULL, "level" varchar(10) NOT NULL, "parentId" varchar(36), "hostType" varchar(20) NOT NULL, "phone" varchar(30), "photos" text NOT NULL, "hours" text NOT NULL, "closures" text NOT NULL, "services" text NOT NULL, "status" varchar(10) NOT NULL, "orgId" varchar(36) NOT NULL, "ratingSum" integer NOT NULL, "ratingCount" integer NOT NULL, "createdAt" datetime(3) NOT NULL, "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "uq_stations_code" ON "stations" ("code") `);
    await q.query(`CREATE INDEX "ix_stations_org" ON "stations" ("orgId") `);
    await q.query(`CREATE INDEX "ix_stations_district" ON "stations" ("district") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_stations_district"`);
    await q.query(`DROP INDEX "ix_stations_org"`);
    await q.query(`DROP INDEX "uq_stations_code"`);
    await q.query(`DROP TABLE "stations"`);
    await q.query(`DROP INDEX "uq_station_ratings_day"`);
    await q.query(`DROP TABLE "station_ratings"`);
    await q.query(`DROP INDEX "uq_event_signups_active"`);
    await q.query(`DROP INDEX "ix_event_signups_user"`);
    await q.query(`DROP TABLE "event_signups"`);
    await q.query(`DROP INDEX "ix_station_events_station_start"`);
    await q.query(`DROP TABLE "station_events"`);
  }
}
