import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClaimDashboardIndex1796196850605 implements MigrationInterface {
  name = 'ClaimDashboardIndex1796196850605';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_claims_dashboard" ON "claims" ("submittedAt", "orgId", "category", "handlingTier", "outcome", "firstResponseAt", "firstResponseDueAt", "mediationDueAt", "resolvedAt", "agreedFen", "recoveredFen", "ratingScore") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_claims_dashboard"`);
  }
}
