import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StationChanges1796229056148 implements MigrationInterface {
  name = 'StationChanges1796229056148';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`station_changes\` (\`id\` int NOT NULL AUTO_INCREMENT, \`stationId\` varchar(36) NOT NULL, \`source\` varchar(36) NOT NULL, \`createdAt\` datetime(3) NOT NULL, INDEX \`ix_station_changes_created\` (\`createdAt\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX \`ix_station_changes_created\` ON \`station_changes\``);
    await q.query(`DROP TABLE \`station_changes\``);
  }
}
