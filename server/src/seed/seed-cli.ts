import { loadConfig } from '../config/app-config';
import { configurePiiFromConfig } from '../pii/pii.module';
import { createDataSource } from '../database/data-source';
import { seedDemo } from './seed';

/** `pnpm --filter @nuanxin/server seed`: applies migrations, then seeds the demo city into DB_URL or SQLite. */
async function main(): Promise<void> {
  const config = loadConfig();
  configurePiiFromConfig(config);
  const ds = createDataSource(config);
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const r = await seedDemo(ds, { catchAllOfficers: config.SEED_CATCH_ALL_OFFICERS });
    console.log(`seeded ${r.orgs} orgs, ${r.stations} stations and ${r.users} demo users (${config.dialect})`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
