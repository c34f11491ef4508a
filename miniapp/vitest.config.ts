import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

// Taro's published dist files point their source maps at sources they do not ship; drop those
// maps instead of printing a warning per file.
const dropTaroSourceMaps: Plugin = {
  name: 'drop-taro-source-maps',
  enforce: 'pre',
  async load(id) {
    const file = id.split('?')[0];
    if (!/node_modules\/.*@tarojs\/.*\.js$/.test(file)) return null;
    const code = await readFile(file, 'utf8');
    return { code: code.replace(/^\/\/# sourceMappingURL=.*$/gm, ''), map: null };
  },
};

// Test files that replace modules (vi.mock…) or globals run isolated: each in a fresh worker and jsdom. The rest
// share a worker's module cache and jsdom between files (setup.ts unmounts, restores mocks and timers and clears
// storage after every test): each file no longer re-imports React, Taro and NutUI, ~2.7× faster.
const REPLACES_MODULES = /\bvi\.(mock|doMock|unmock|stubGlobal|stubEnv|hoisted|resetModules)\(/;
const TESTS = ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'];
const testFiles = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.test\.tsx?$/.test(f))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')));
const isolated = ['test', 'src'].flatMap(testFiles).filter((f) => REPLACES_MODULES.test(readFileSync(path.join(root, f), 'utf8')));

export default defineConfig({
  plugins: [dropTaroSourceMaps],
  resolve: {
    // Tests run the H5 variant of platform files (x.h5.tsx), like the H5 build.
    extensions: ['.h5.tsx', '.h5.ts', '.tsx', '.ts', '.mjs', '.js', '.jsx', '.json'],
    alias: [
      { find: /^@tarojs\/components$/, replacement: '@tarojs/components-react' },
      // Taro's H5 platform runtime: the same Taro.* APIs the H5 build links.
      { find: /^@tarojs\/taro$/, replacement: path.resolve(root, 'test/taro-h5.ts') },
      { find: /^@nuanxin\/shared$/, replacement: path.resolve(root, '../shared/src/index.ts') },
      { find: /^@\//, replacement: `${path.resolve(root, 'src')}/` },
    ],
  },
  // Compile-time flags Taro's build normally defines.
  define: { DEPRECATED_ADAPTER_COMPONENT: 'false' },
  esbuild: { jsx: 'automatic' },
  test: {
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    env: { TARO_ENV: 'h5', TARO_PLATFORM: 'web' },
    server: { deps: { inline: [/@tarojs\//, /@nutui\//] } },
    pool: 'threads',
    // A file's first test also pays for its lazy imports: under load (~20 on 2 cores) one took 11 s of the 15 s it had;
    // at load ~37 a station-staff test took over 30 s.
    testTimeout: 60000,
    // Files that re-import the app in beforeEach (vi.resetModules) took > 10 s per hook at load ~20-30 and over 30 s
    // at load ~37 (station-point-picker: every test's hook timed out).
    hookTimeout: 60000,
    // `include` only here: a project extending the root would add its list to the root's, not replace it.
    projects: [
      { extends: true, test: { name: 'isolated', include: isolated.length ? isolated : ['-none-'], isolate: true } },
      { extends: true, test: { name: 'shared', include: TESTS, exclude: isolated, isolate: false } },
    ],
  },
});
