import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimExports1796194290686 implements MigrationInterface {
  name = 'ClaimExports1796194290686';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "claim_exports" ("id" varchar(36) PRIMARY KEY NOT NULL, "requesterId" varchar(36) NOT NULL, "filters" varchar(1000) NOT NULL, "scope" text NOT NULL, "status" varchar(10) NOT NULL, "rowsTotal" integer, "rowsDone" integer NOT NULL, "fileKey" varchar(100), "owner" varchar(100), "leaseUntil" datetime(3), "error" varchar(200), "createdAt" datetime(3) NOT NULL, "finishedAt" datetime(3))`);
    await q.query(`CREATE INDEX "ix_claim_exports_requester" ON "claim_exports" ("requesterId") `);
    await q.query(`CREATE INDEX "ix_claim_exports_status" ON "claim_exports" ("status", "createdAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_claim_exports_status"`);
    await q.query(`DROP INDEX "ix_claim_exports_requester"`);
    await q.query(`DROP TABLE "claim_exports"`);
  }
}
