import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AdminService, BootstrapError } from './admin/admin.service';
import { AppModule } from './app.module';
import { ConfigError, loadConfig } from './config/app-config';
import { createDataSource } from './database/data-source';
import { scrub } from './common/logger';
import { configurePiiFromConfig } from './pii/pii.module';

const USAGE = `用法：pnpm --filter @nuanxin/server admin:bootstrap -- --org-code XM --org-name 厦门市总工会 --mobile 13800001111
（也可用环境变量 BOOTSTRAP_ORG_CODE、BOOTSTRAP_ORG_NAME、BOOTSTRAP_MOBILE；数据库与密钥同服务器：DB_URL、PII_KEYS、PII_HMAC_KEY …）`;

/** `--name value` / `--name=value` pairs; a bare `--` (what pnpm passes through) is skipped. */
export function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') continue;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new BootstrapError(`无法识别的参数：${a}\n${USAGE}`);
    if (m[2] !== undefined) out[m[1]] = m[2];
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) out[m[1]] = argv[++i];
    else throw new BootstrapError(`参数 --${m[1]} 缺少取值\n${USAGE}`);
  }
  return out;
}

/**
 * `admin:bootstrap`: applies migrations, creates the root org when missing and grants `admin` on it to a mobile
 * (at once if that person has signed in by SMS, else at their first SMS login). Idempotent. Prints only masked
 * mobiles; never keys.
 */
export async function runBootstrap(argv: string[], env: Record<string, string | undefined>, out: (line: string) => void): Promise<void> {
  const args = parseArgs(argv);
  const unknown = Object.keys(args).filter((k) => !['org-code', 'org-name', 'mobile'].includes(k));
  if (unknown.length) throw new BootstrapError(`未知参数：${unknown.map((k) => `--${k}`).join(' ')}\n${USAGE}`);
  const orgCode = args['org-code'] ?? env.BOOTSTRAP_ORG_CODE;
  const mobile = args.mobile ?? env.BOOTSTRAP_MOBILE;
  if (!orgCode || !mobile) throw new BootstrapError(`缺少 --org-code 或 --mobile\n${USAGE}`);
  // The command does one thing and leaves: no timed jobs, no demo seeding.
  const config = loadConfig({ ...env, JOBS_ENABLED: 'false', SEED_DEMO: 'false' });
  configurePiiFromConfig(config);
  const ds = createDataSource(config);
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: ['error'], abortOnError: false });
  try {
    const r = await app.get(AdminService).bootstrap({ orgCode, orgName: args['org-name'] ?? env.BOOTSTRAP_ORG_NAME, mobile });
    out(`迁移已执行（${config.dialect}）`);
    out(r.org.created ? `已创建市总工会「${r.org.name}」（编码 ${r.org.code}）` : `市总工会「${r.org.name}」（编码 ${r.org.code}）已存在，未改动`);
    const what = {
      granted: '已授予管理员，下次请求起生效',
      invited: '已登记管理员授权，此人首次用短信验证码登录时生效',
      unchanged: '已是管理员（或已在等待首次登录），未改动',
    }[r.admin.result];
    out(`${r.admin.mobileMasked}：${what}`);
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  runBootstrap(process.argv.slice(2), process.env, (line) => console.log(line)).catch((err: unknown) => {
    const known = err instanceof BootstrapError || err instanceof ConfigError;
    console.error(scrub(known ? (err as Error).message : `部署初始化失败：${err instanceof Error ? err.message : String(err)}`));
    process.exit(1);
  });
}
