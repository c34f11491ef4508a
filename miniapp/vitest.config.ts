import path from 'node:path';
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
    include: ['test/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    env: { TARO_ENV: 'h5', TARO_PLATFORM: 'web' },
    server: { deps: { inline: [/@tarojs\//, /@nutui\//] } },
    pool: 'threads',
    testTimeout: 15000,
  },
});
