// What the H5 build leaves out of the first load (config/index.ts) is safe to leave out only while the app does
// not use it. These checks fail when a change starts using one of those things, so the build is revisited.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(tsx?|jsx?)$/.test(e.name) && !e.name.includes('.weapp.') ? [p] : [];
  });
}

/** Names imported from `@tarojs/components` by the files the H5 build compiles (weapp-only files excluded). */
function taroComponentsUsedOnH5(): Map<string, string[]> {
  const used = new Map<string, string[]>();
  for (const file of sources(path.join(root, 'src'))) {
    const s = readFileSync(file, 'utf8');
    for (const m of s.matchAll(/import\s*\{([^}]*)\}\s*from\s*'@tarojs\/components'/g)) {
      for (const raw of m[1].split(',')) {
        const name = raw.replace(/^\s*type\s+/, '').split(/\s+as\s+/)[0].trim();
        if (name) used.set(name, [...(used.get(name) ?? []), path.relative(root, file)]);
      }
    }
  }
  return used;
}

describe('H5 first load: what the build strips', () => {
  it('no H5 page uses the Taro components drawn with the WeUI icon font the build drops', () => {
    // config/index.ts removes the font's @font-face from Taro's component stylesheet (half of its size).
    const used = taroComponentsUsedOnH5();
    const fontUsers = ['Icon', 'Checkbox', 'CheckboxGroup', 'Radio', 'RadioGroup'].filter((c) => used.has(c));
    expect(fontUsers.map((c) => `${c}: ${used.get(c)?.join(', ')}`)).toEqual([]);
  });

  it('nothing asks Taro for a JSONP request (the build replaces its JSONP client with a failing stub)', () => {
    const jsonp = sources(path.join(root, 'src')).filter((f) => /\bjsonp\s*:/.test(readFileSync(f, 'utf8')));
    expect(jsonp.map((f) => path.relative(root, f))).toEqual([]);
  });

  it('the stand-in for <Picker> is the component Taro itself would give', () => {
    // config/h5-picker.js builds <Picker> exactly as Taro's React library does, in a module of its own.
    const lib = readFileSync(require.resolve('@tarojs/components/lib/react/components.js', { paths: [root] }), 'utf8');
    const own = readFileSync(path.join(root, 'config/h5-picker.js'), 'utf8');
    expect(lib).toContain("const Picker = /*@__PURE__*/ createReactComponent('taro-picker-core', undefined, manipulatePropsFunction, defineCustomElementTaroPickerCore);");
    expect(own).toContain("createReactComponent('taro-picker-core', undefined, manipulatePropsFunction, defineCustomElement)");
  });
});
