import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { compileWeapp } from '../scripts/weapp-compile.mjs';

describe("the weapp check with WeChat's own compilers (wcc / wcsc)", () => {
  const dirs: string[] = [];
  const project = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'nx-weapp-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('passes a page that compiles', () => {
    const dir = project({ 'pages/a/index.wxml': '<view class="a">{{title}}</view>', 'pages/a/index.wxss': '.a { color: red; }' });
    expect(compileWeapp(dir)).toEqual({ wxml: 1, wxss: 1 });
  });

  it('fails on an unclosed tag with the compiler’s message', () => {
    const dir = project({ 'pages/a/index.wxml': '<view class="a">{{title}}', 'pages/a/index.wxss': '.a { color: red; }' });
    expect(() => compileWeapp(dir)).toThrow(/编译 \.wxml 文件错误：.*end tag missing/s);
  });

  it('fails on a style sheet wcsc refuses', () => {
    const dir = project({ 'pages/a/index.wxml': '<view class="a"></view>', 'pages/a/index.wxss': '.a { color: red;' });
    expect(() => compileWeapp(dir)).toThrow(/编译 \.wxss 文件错误/);
  });
});
