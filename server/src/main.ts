import { createApp } from './app.factory';
import { ConfigError } from './config/app-config';

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
