import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StationChanges1796229047175 implements MigrationInterface {
  name = 'StationChanges1796229047175';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "station_changes" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "stationId" varchar(36) NOT NULL, "source" varchar(36) NOT NULL, "createdAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_station_changes_created" ON "station_changes" ("createdAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_station_changes_created"`);
    await q.query(`DROP TABLE "station_changes"`);
  }
}
