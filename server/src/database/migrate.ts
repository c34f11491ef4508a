import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { configurePiiFromConfig } from '../pii/pii.module';
import { createDataSource } from './data-source';

/** Schema statements TypeORM would still need to make the database match the entities (empty = no drift). */
export async function pendingSchemaChanges(ds: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await ds.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((q) => q.query),
    down: log.downQueries.map((q) => q.query),
  };
}

function migrationSource(name: string, ts: number, up: string[], down: string[]): string {
  const esc = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${name}${ts} implements MigrationInterface {
  name = '${name}${ts}';

  async up(q: QueryRunner): Promise<void> {
${up.map((s) => `    await q.query(${esc(s)});`).join('\n')}
  }

  async down(q: QueryRunner): Promise<void> {
${down
  .reverse()
  .map((s) => `    await q.query(${esc(s)});`)
  .join('\n')}
  }
}
`;
}

/** Adds the class to the dialect's ordered list (imports by reference, no globs). */
function registerMigration(indexPath: string, className: string, modulePath: string): void {
  const src = readFileSync(indexPath, 'utf8');
  const withImport = src.replace(/(\n\n\/\*\*)/, `\nimport { ${className} } from '${modulePath}';$1`);
  writeFileSync(indexPath, withImport.replace(/\[([^\]]*)\];/, (_m, list: string) => `[${list}, ${className}];`));
}

/**
 * `run`: apply pending migrations. `check`: apply, then fail if entities and schema still differ (drift).
 * `generate <Name>`: write a migration for the current drift into src/database/migrations/<dialect>/.
 */
async function main(): Promise<void> {
  const [cmd, name] = process.argv.slice(2);
  const config = loadConfig();
  configurePiiFromConfig(config);
  const ds = createDataSource(config);
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    if (cmd === 'run') {
      console.log(`migrations applied (${config.dialect})`);
      return;
    }
    const { up, down } = await pendingSchemaChanges(ds);
    if (cmd === 'check') {
      if (up.length) {
        console.error(`schema drift on ${config.dialect}:\n${up.join(';\n')}`);
        process.exitCode = 1;
      } else console.log(`no schema drift (${config.dialect})`);
      return;
    }
    if (cmd === 'generate') {
      if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('usage: migrate generate PascalCaseName');
      if (!up.length) {
        console.log('nothing to generate');
        return;
      }
      const ts = Date.now();
      const dir = join(__dirname, '..', '..', 'src', 'database', 'migrations', config.dialect);
      const file = `${ts}-${name}.ts`;
      writeFileSync(join(dir, file), migrationSource(name, ts, up, down));
      registerMigration(join(dir, 'index.ts'), `${name}${ts}`, `./${ts}-${name}`);
      console.log(`wrote ${dir}/${file} and registered it in ${dir}/index.ts`);
      return;
    }
    throw new Error('usage: migrate run|check|generate Name');
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
