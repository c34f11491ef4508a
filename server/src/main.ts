import { startBootScan } from './stations/boot-scan';

// The station index's boot scan starts first, in a worker thread, so it runs on the other core while the server's
// code loads below (~1,550 modules) and Nest builds the app; the index takes its columns in at its first load.
// STATIONS_BOOT_WORKER=0 leaves it to the index itself (SQLite always does).
if (process.env.DB_URL && process.env.STATIONS_BOOT_WORKER !== '0') startBootScan(process.env.DB_URL);

// Required after the worker started, not imported: an import would load the whole server before the line above.
/* eslint-disable @typescript-eslint/no-require-imports */
const { createApp } = require('./app.factory') as typeof import('./app.factory');
const { ConfigError } = require('./config/app-config') as typeof import('./config/app-config');
/* eslint-enable @typescript-eslint/no-require-imports */

async function main(): Promise<void> {
  const { app, config, logger, h5Served } = await createApp();
  await app.listen({ port: config.PORT, host: config.HOST });
  const url = `http://localhost:${config.PORT}`;
  logger.info(`暖新已启动：${url}/ （API ${url}/api ，文档 ${url}/api/docs ，数据库 ${config.dialect}）`);
  if (!h5Served) logger.warn(`H5 应用尚未构建（${config.H5_DIST}），只提供 API`);
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
