import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Wishes1796186942497 implements MigrationInterface {
  name = 'Wishes1796186942497';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "wish_events" ("id" varchar(36) PRIMARY KEY NOT NULL, "wishId" varchar(36) NOT NULL, "at" datetime(3) NOT NULL, "seq" integer NOT NULL, "actorId" varchar(36), "actorRole" varchar(10) NOT NULL, "kind" varchar(20) NOT NULL, "fromStatus" varchar(12) NOT NULL, "toStatus" varchar(12) NOT NULL, "note" varchar(400), "data" text)`);
    await q.query(`CREATE INDEX "ix_wish_events_wish" ON "wish_events" ("wishId", "seq") `);
    await q.query(`CREATE TABLE "wish_photos" ("id" varchar(36) PRIMARY KEY NOT NULL, "ownerId" varchar(36) NOT NULL, "wishId" varchar(36), "mime" varchar(20) NOT NULL, "size" integer NOT NULL, "sha256" varchar(64) NOT NULL, "storageKey" varchar(100) NOT NULL, "createdAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE INDEX "ix_wish_photos_owner" ON "wish_photos" ("ownerId") `);
    await q.query(`CREATE INDEX "ix_wish_photos_wish" ON "wish_photos" ("wishId") `);
    await q.query(`CREATE TABLE "wish_settings" ("orgId" varchar(36) PRIMARY KEY NOT NULL, "valueCapFen" integer NOT NULL, "yearlyLimit" integer NOT NULL, "updatedBy" varchar(36), "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE TABLE "wishes" ("id" varchar(36) PRIMARY KEY NOT NULL, "number" varchar(20) NOT NULL, "wisherId" varchar(36) NOT NULL, "openKey" varchar(36), "alias" varchar(20) NOT NULL, "anonymous" boolean NOT NULL, "orgId" varchar(36) NOT NULL, "memberOrgId" varchar(36) NOT NULL, "category" varchar(12) NOT NULL, "title" varchar(40) NOT NULL, "story" text NOT NULL, "valueFen" integer NOT NULL, "photoId" varchar(36), "stationId" varchar(36) NOT NULL, "district" varchar(20) NOT NULL, "status" varchar(12) NOT NULL, "handover" varchar(10) NOT NULL, "donorId" varchar(36), "donorType" varchar(10), "donorName" varchar(30), "deliveryPhotoId" varchar(36), "rejectReason" varchar(300), "thanks" varchar(400), "closeNote" varchar(300), "postedAt" datetime(3) NOT NULL, "screeningDueAt" datetime(3) NOT NULL, "screeningDueEstimated" boolean NOT NULL, "decidedAt" datetime(3), "publishedAt" datetime(3), "claimedAt" datetime(3), "deliveredAt" datetime(3), "receivedAt" datetime(3), "pickedUpAt" datetime(3), "fulfilledAt" datetime(3), "endedAt" datetime(3), "remindedAt" datetime(3), "updatedAt" datetime(3) NOT NULL)`);
    await q.query(`CREATE UNIQUE INDEX "uq_wishes_number" ON "wishes" ("number") `);
    await q.query(`CREATE UNIQUE INDEX "uq_wishes_open_key" ON "wishes" ("openKey") `);
    await q.query(`CREATE INDEX "ix_wishes_org" ON "wishes" ("orgId") `);
    await q.query(`CREATE INDEX "ix_wishes_station" ON "wishes" ("stationId") `);
    await q.query(`CREATE INDEX "ix_wishes_donor" ON "wishes" ("donorId", "status") `);
    await q.query(`CREATE INDEX "ix_wishes_wisher" ON "wishes" ("wisherId", "postedAt") `);
    await q.query(`CREATE INDEX "ix_wishes_screening" ON "wishes" ("status", "screeningDueAt", "postedAt", "id") `);
    await q.query(`CREATE INDEX "ix_wishes_wall" ON "wishes" ("status", "publishedAt", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_wishes_wall"`);
    await q.query(`DROP INDEX "ix_wishes_screening"`);
    await q.query(`DROP INDEX "ix_wishes_wisher"`);
    await q.query(`DROP INDEX "ix_wishes_donor"`);
    await q.query(`DROP INDEX "ix_wishes_station"`);
    await q.query(`DROP INDEX "ix_wishes_org"`);
    await q.query(`DROP INDEX "uq_wishes_open_key"`);
    await q.query(`DROP INDEX "uq_wishes_number"`);
    await q.query(`DROP TABLE "wishes"`);
    await q.query(`DROP TABLE "wish_settings"`);
    await q.query(`DROP INDEX "ix_wish_photos_wish"`);
    await q.query(`DROP INDEX "ix_wish_photos_owner"`);
    await q.query(`DROP TABLE "wish_photos"`);
    await q.query(`DROP INDEX "ix_wish_events_wish"`);
    await q.query(`DROP TABLE "wish_events"`);
  }
}
