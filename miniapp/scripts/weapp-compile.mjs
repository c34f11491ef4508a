// Compiles the weapp build with WeChat's own WXML and WXSS compilers (wcc/wcsc from npm miniprogram-compiler,
// the binaries the DevTools use), so a template or style sheet WeChat would refuse fails here, not in DevTools.
// Usage: node scripts/weapp-compile.mjs [dir]   (default dist/weapp, after build:weapp)
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { wxmlToJs } = require('miniprogram-compiler');
// wxssToJs swallows wcsc's error into a TypeError; the compiler step itself returns it with wcsc's message.
const wcsc = require('miniprogram-compiler/src/wcsc');

const filesOf = (dir, ext) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(ext) && !f.split(/[\\/]/).includes('node_modules'))
    .map((f) => f.slice(0, -ext.length));

/** Throws with the compiler's message when any .wxml or .wxss under `dir` does not compile; returns the counts. */
export function compileWeapp(dir) {
  const wxml = filesOf(dir, '.wxml');
  const wxss = filesOf(dir, '.wxss');
  if (!wxml.length) throw new Error(`no .wxml files under ${dir}: build the weapp first`);
  wxmlToJs(dir); // throws 编译 .wxml 文件错误：… on a template error
  const styles = wcsc(dir, wxss, {});
  if (styles instanceof Error) throw styles;
  return { wxml: wxml.length, wxss: wxss.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'weapp');
  try {
    const n = compileWeapp(dir);
    console.log(`WeChat compilers: ${n.wxml} .wxml and ${n.wxss} .wxss files compile`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
