import js from '@eslint/js';
import globals from 'globals';
import { dirname, relative, resolve } from 'node:path';
import tseslint from 'typescript-eslint';

/**
 * The walls between server modules (docs/architecture.md): a file in `server/src/<feature>/` may import from
 * another feature only that module's face — its `<feature>.module`, `<feature>.service`, its `dto/` files and the
 * few providers it exports for others, listed below — never its entities, repositories or other internals.
 * Type-only imports are free (they carry no access). Shared infrastructure folders are open to all; the app
 * module, the seed and the migrations sit above the features.
 */
const SERVER_SRC = resolve(import.meta.dirname, 'server/src');
const INFRA = new Set(['common', 'config', 'database', 'counters', 'pii', 'storage', 'version.ts']);
const ABOVE = new Set(['seed', 'app.module.ts', 'app.factory.ts', 'main.ts']);
const EXTRA_FACES = new Set([
  'idempotency/idempotent.decorator', // @Idempotent() for any controller
  'wechat/wechat.client', // WechatModule's export
  'stations/station-index.service', // the jobs room polls it
  'claims/claim-attachments.service', // the jobs room purges orphan uploads
  'claims/claim-clock.service', // the jobs room runs the claims SLA clock
  'claims/claim-export.service', // the jobs room writes 台账 exports
  'notifications/wechat-channel.service', // the jobs room drains the outbox
  'auth/sms.sender', // the global SmsSenderModule's export: administration texts invitees
  'stations/geo-index', // a pure grid search: benefits' merchant index reuses it
]);
const walls = {
  meta: { type: 'problem', schema: [], messages: { wall: "'{{target}}' is inside the {{feature}} module: import its face ({{feature}}.service / {{feature}}.module / dto) instead" } },
  create(context) {
    const file = context.filename;
    const from = relative(SERVER_SRC, file).split('/');
    if (from[0].startsWith('..') || from.length < 2 || ABOVE.has(from[0]) || INFRA.has(from[0])) return {};
    const check = (node, source, typeOnly) => {
      if (typeOnly || !source.startsWith('.')) return;
      const target = relative(SERVER_SRC, resolve(dirname(file), source)).split('/');
      const feature = target[0];
      if (feature.startsWith('..') || feature === from[0] || INFRA.has(feature) || INFRA.has(`${feature}.ts`)) return;
      const rest = target.slice(1).join('/');
      if (rest === `${feature}.service` || rest === `${feature}.module` || target[1] === 'dto' || EXTRA_FACES.has(target.join('/'))) return;
      context.report({ node, messageId: 'wall', data: { target: target.join('/'), feature } });
    };
    return {
      ImportDeclaration(node) {
        check(node, node.source.value, node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type')));
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value, false);
      },
    };
  },
};

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.tmp/**', 'server/.replicas-*/**', '**/.bench/**', 'miniapp/config/**', '**/*.config.{js,mjs,cjs,ts}', 'server/src/database/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    plugins: { nuanxin: { rules: { walls } } },
    rules: { 'nuanxin/walls': 'error' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
