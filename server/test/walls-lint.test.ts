import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
/** Lint does not touch the database: it runs once, in the SQLite tier, not again in the MariaDB tier. */
const onceOnly = process.env.TEST_DB_URL ? describe.skip : describe;

/**
 * The walls between modules are checked, not hoped for: the `nuanxin/walls` lint rule (eslint.config.mjs) is run
 * on probe files placed in a feature folder. ESLint runs in a child process (its flat config is an ES module).
 */
onceOnly('the module walls lint rule', () => {
  const probes: Record<string, string> = {
    otherEntity: "import { Org } from '../orgs/org.entity';\nexport const probe = Org;\n",
    otherRepositoryUser: "import { UserRole } from '../users/user-role.entity';\nexport const probe = UserRole;\n",
    otherInternalService: "import { ClaimRouting } from '../claims/claim-routing.service';\nexport const probe = ClaimRouting;\n",
    dynamicImport: "export const probe = () => import('../orgs/org.entity');\n",
    face: "import { OrgsService } from '../orgs/orgs.service';\nimport { OrgsModule } from '../orgs/orgs.module';\nexport const probe = [OrgsService, OrgsModule];\n",
    typeOnly: "import type { Org } from '../orgs/org.entity';\nexport type Probe = Org;\n",
    ownEntity: "import { Membership } from './membership.entity';\nexport const probe = Membership;\n",
    infrastructure: "import { TransactionService } from '../database/transaction.service';\nimport { DomainError } from '../common/domain-error';\nexport const probe = [TransactionService, DomainError];\n",
  };
  let found: Record<string, string[]>;

  beforeAll(() => {
    const script = `
      const { ESLint } = require('eslint');
      const probes = JSON.parse(process.argv[1]);
      (async () => {
        const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
        const out = {};
        for (const [name, code] of Object.entries(probes)) {
          const [r] = await eslint.lintText(code, { filePath: ${JSON.stringify(ROOT)} + '/server/src/memberships/wall-probe-' + name + '.ts' });
          out[name] = r.messages.filter((m) => m.ruleId === 'nuanxin/walls' || m.fatal).map((m) => m.ruleId ?? m.message);
        }
        process.stdout.write(JSON.stringify(out));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const run = spawnSync(process.execPath, ['-e', script, JSON.stringify(probes)], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (run.status !== 0) throw new Error(run.stderr);
    found = JSON.parse(run.stdout) as Record<string, string[]>;
  }, 70_000);

  it.each(['otherEntity', 'otherRepositoryUser', 'otherInternalService', 'dynamicImport'])('refuses %s', (name) => {
    expect(found[name]).toEqual(['nuanxin/walls']);
  });

  it.each(['face', 'typeOnly', 'ownEntity', 'infrastructure'])('allows %s', (name) => {
    expect(found[name]).toEqual([]);
  });
});
