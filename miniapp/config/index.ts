import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

const root = path.resolve(__dirname, '..');
// shared is plain TypeScript in the workspace: compile it from source with the app.
const sharedSrc = path.resolve(root, '../shared/src');

/**
 * API origin baked into the build. H5 served by the API server uses '' (relative /api); a
 * mini-program has no origin of its own, so weapp falls back to a local server for development.
 */
function apiBase(): string {
  const fromEnv = process.env.TARO_APP_API_BASE;
  if (fromEnv !== undefined) return fromEnv;
  if (process.env.TARO_ENV !== 'weapp') return '';
  console.warn('TARO_APP_API_BASE is not set: this weapp build calls http://localhost:3000 (development only).');
  return 'http://localhost:3000';
}

/**
 * AMap Web JS API key and security code for the H5 map (weapp uses WeChat's own map). Without a real key
 * the build bakes in a placeholder: the map still tries to load, AMap refuses the key or its CDN is out of
 * reach, and the page falls back to the list (browser journeys fake AMap's script and need only some key).
 */
const AMAP_PLACEHOLDER_KEY = 'nuanxin-dev-placeholder';
function amapKey(): string {
  const fromEnv = process.env.TARO_APP_AMAP_KEY;
  if (fromEnv) return fromEnv;
  if (process.env.TARO_ENV === 'h5') console.warn('TARO_APP_AMAP_KEY is not set: the H5 map uses a placeholder key and will show the station list instead.');
  return AMAP_PLACEHOLDER_KEY;
}

/**
 * Taro's component stylesheet without its @font-face (WeUI's icon font, inlined as base64): written next to
 * the build's cache from the installed file, so a Taro upgrade brings its other rules along.
 */
function taroComponentsCssWithoutFont(): string {
  const source = require.resolve('@tarojs/components/dist/taro-components/taro-components.css', { paths: [root] });
  const css = readFileSync(source, 'utf8').replace(/@font-face\{[^}]*\}/g, '');
  const out = path.resolve(root, 'node_modules/.cache/nuanxin/taro-components.css');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, css);
  return out;
}

/** `@tarojs/components` for H5: Taro's library (the alias Taro set), with <Picker> from config/h5-picker.js. */
function componentsWithOwnPicker(taroLibrary: string | undefined): string {
  const library = taroLibrary ?? require.resolve('@tarojs/components/lib/react', { paths: [root] });
  const out = path.resolve(root, 'node_modules/.cache/nuanxin/h5-components.js');
  mkdirSync(path.dirname(out), { recursive: true });
  // An explicit export wins over `export *`: Taro's own Picker is then unused and shaken out of its library.
  writeFileSync(out, `export * from ${JSON.stringify(library)};\nexport { Picker } from ${JSON.stringify(path.resolve(__dirname, 'h5-picker.js'))};\n`);
  return out;
}

const HOME_PAGE = /[\\/]src[\\/]pages[\\/]stations[\\/]/;
type ChunkGraphLike = { getModuleChunksIterable(m: unknown): Iterable<unknown>; getChunkModulesIterable(c: unknown): Iterable<{ resource?: string }> };
/** splitChunks test: a module outside the home page's own folder that the home page's chunk also holds. */
const HOME_ENTRY = /[\\/]src[\\/]pages[\\/]stations[\\/]index\.tsx$/;
const isHomeChunk = new WeakMap<object, boolean>();
function sharedWithHome(module: { resource?: string }, { chunkGraph }: { chunkGraph: ChunkGraphLike }): boolean {
  if (module.resource && HOME_PAGE.test(module.resource)) return false;
  for (const chunk of chunkGraph.getModuleChunksIterable(module) as Iterable<object>) {
    let home = isHomeChunk.get(chunk);
    if (home === undefined) {
      home = [...chunkGraph.getChunkModulesIterable(chunk)].some((m) => !!m.resource && HOME_ENTRY.test(m.resource));
      isHomeChunk.set(chunk, home);
    }
    if (home) return true;
  }
  return false;
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'nuanxin',
    date: '2026-11-23',
    // One design width everywhere: NutUI is drawn at 375, so are our own styles.
    designWidth: 375,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_OUTPUT_ROOT ?? `dist/${process.env.TARO_ENV}`,
    plugins: ['@tarojs/plugin-html'],
    alias: {
      '@nuanxin/shared': path.resolve(sharedSrc, 'index.ts'),
      '@': path.resolve(root, 'src'),
    },
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase()),
      TARO_APP_AMAP_KEY: JSON.stringify(amapKey()),
      TARO_APP_AMAP_SECURITY: JSON.stringify(process.env.TARO_APP_AMAP_SECURITY ?? ''),
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    // React 18 on both builds (the stack is fixed). Preact on H5 would save ~30 KB of the first load's transfer
    // (measured 2026-12-02), but runs every page on a second renderer that the component tests never exercise.
    // H5: Taro's defaults keep every function name and quote every object key; nothing here reads Function#name,
    // and dropping both with a second compress pass saves ~8 KB brotli on the first load. weapp keeps Taro's own.
    ...(process.env.TARO_ENV === 'h5' ? { terser: { enable: true, config: { keep_fnames: false, compress: { passes: 2 }, output: { quote_keys: false, keep_quoted_props: false } } } } : {}),
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [sharedSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      webpackChain(chain) {
        // Our own budget (scripts/size-report.mjs) replaces webpack's generic 244 KiB hint.
        chain.performance.hints(false);
        // Taro's H5 request imports the whatwg-fetch polyfill; every browser our browserslist allows
        // (full ES module support) has fetch, so the home tab need not download it.
        chain.resolve.alias.set('whatwg-fetch', path.resolve(__dirname, 'empty-module.js'));
        // Same for AbortController (Taro's request imports a polyfill of it: ~8 KB raw on the home tab's path).
        chain.resolve.alias.set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only', path.resolve(__dirname, 'empty-module.js'));
        // Taro's request carries a JSONP client (jsonp-retry and its storage helper) for `jsonp: true`, which we never ask for.
        chain.resolve.alias.set('jsonp-retry$', path.resolve(__dirname, 'no-jsonp.js'));
        // Taro's component stylesheet inlines WeUI's icon font (~6 KB base64, half its brotli size) for <Icon>,
        // <Checkbox> and <Radio>, none of which the app uses (test/h5-first-load.test.ts keeps it so).
        chain.resolve.alias.set('@tarojs/components/dist/taro-components/taro-components.css$', taroComponentsCssWithoutFont());
        // Taro's React components for H5 are one module: a component any page uses loads with the first page.
        // <Picker> (only forms behind other tabs use it) comes from a module of its own instead.
        chain.resolve.alias.set('@tarojs/components$', componentsWithOwnPicker(chain.resolve.alias.get('@tarojs/components$')));
        // TARO_STATS=file writes webpack's module/chunk stats there (size analysis: which modules load first).
        const statsFile = process.env.TARO_STATS;
        if (statsFile) {
          chain.plugin('nuanxin-stats').use(
            class {
              apply(compiler: { hooks: { done: { tap(name: string, fn: (stats: { toJson(o: object): unknown }) => void): void } } }) {
                compiler.hooks.done.tap('nuanxin-stats', (stats) => writeFileSync(statsFile, JSON.stringify(stats.toJson({ all: false, chunks: true, chunkModules: true, chunkModulesSpace: 100000, nestedModules: true, nestedModulesSpace: 100000, chunkRelations: true, modules: false, assets: true, ids: true }))));
              }
            },
          );
        }
        // Each page is an async chunk; Taro only splits initial chunks, so without this every page
        // carries its own copy of NutUI and the services.
        const splitChunks = chain.optimization.get('splitChunks');
        if (splitChunks) {
          chain.optimization.splitChunks({
            ...splitChunks,
            cacheGroups: {
              ...splitChunks.cacheGroups,
              // minSize: code shared by pages but smaller than this stays in each page's chunk. Taro sets 0, which
              // cut the home tab's code into ~20 chunks of under 1 KB each, every one paying ~0.5 KB of headers.
              pagesCommon: { chunks: 'async', minChunks: 2, priority: -5, reuseExistingChunk: true, minSize: 20000 },
              // What the home tab (the first page everyone opens) shares with other pages, in one chunk: its first
              // load then fetches that and the page's own chunk instead of four chunks and two stylesheets.
              homeShared: { name: 'home-shared', chunks: 'async', priority: 10, enforce: true, test: sharedWithHome },
            },
          });
        }
      },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [sharedSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[chunkhash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
