// Tap targets ≥ 44px: every View/Text/Image that takes a tap must be styled at least $tap-min tall (the
// tap-target or chip mixin, or a min-height/height of its own). NutUI buttons get 44px from app.scss.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from 'sass';
import { describe, expect, it } from 'vitest';

const src = path.resolve(__dirname, '../src');
const TAP_MIN = 44;

// Taps that need no height of their own, and why.
const EXEMPT: Record<string, string> = {
  'privacy-prompt__link': 'a link inside a sentence (WCAG 2.5.8 inline exception)',
  'claim-photo__image': 'the 96px photo itself',
  'claim-photo': 'a 96px tile',
  'station-card': 'a whole card',
  'station-event-card': 'a whole card',
  'nx-card': 'a whole card',
};

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p, ext);
    return e.name.endsWith(ext) ? [p] : [];
  });
}

/** `<View|Text|Image … onClick …>` openings and their static class names. */
function tappables(file: string): Array<{ at: string; classes: string[] }> {
  const s = readFileSync(file, 'utf8');
  const out: Array<{ at: string; classes: string[] }> = [];
  for (const m of s.matchAll(/<(View|Text|Image)\b/g)) {
    let i = m.index + m[0].length;
    let depth = 0;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '>' && depth === 0) break;
    }
    const tag = s.slice(m.index, i);
    if (!/\bonClick=/.test(tag)) continue;
    const cls = /className=(?:'([^']*)'|\{`([^`$]*))/.exec(tag);
    const classes = (cls?.[1] ?? cls?.[2] ?? '').split(/\s+/).filter(Boolean);
    out.push({ at: `${path.relative(src, file)}:${s.slice(0, m.index).split('\n').length}`, classes });
  }
  return out;
}

/** Every compiled rule: its selectors and declarations. */
function rules(): Array<{ selectors: string[]; decls: string }> {
  const css = files(src, '.scss')
    .filter((f) => !path.basename(f).startsWith('_'))
    .map((f) => compile(f, { silenceDeprecations: ['import'] }).css)
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '');
  return [...css.matchAll(/([^{}@;]+)\{([^{}]*)\}/g)].map((m) => ({ selectors: m[1].split(',').map((x) => x.trim()), decls: m[2] }));
}

function tallest(decls: string): number {
  const heights = [...decls.matchAll(/(?:^|[;\s])(?:min-)?height:\s*([\d.]+)px/g)].map((m) => Number(m[1]));
  return Math.max(0, ...heights);
}

describe('tap targets', () => {
  const all = rules();
  /** The tallest height any rule gives an element carrying this class (the class last in a compound selector). */
  const heightOf = (cls: string) =>
    Math.max(0, ...all.filter((r) => r.selectors.some((sel) => new RegExp(`\\.${cls}(?![\\w-])[^\\s>+~]*$`).test(sel))).map((r) => tallest(r.decls)));

  const taps = files(src, '.tsx').flatMap(tappables);

  it('finds the tappable elements', () => {
    expect(taps.length).toBeGreaterThan(20);
  });

  it(`every tappable View/Text/Image is at least ${TAP_MIN}px tall`, () => {
    const small = taps
      .filter(({ classes }) => !classes.some((c) => EXEMPT[c]))
      .map(({ at, classes }) => ({ at, classes, height: Math.max(0, ...classes.map(heightOf)) }))
      .filter(({ height }) => height < TAP_MIN)
      .map(({ at, classes, height }) => `${at} .${classes.join('.') || '(no class)'} ${height}px`);
    expect(small).toEqual([]);
  });

  it('NutUI buttons of every size are at least 44px tall (theme variables in app.scss)', () => {
    const app = compile(path.join(src, 'app.scss')).css;
    for (const size of ['default', 'small', 'mini', 'large']) {
      const m = new RegExp(`--nutui-button-${size}-height:\\s*([\\d.]+)px`).exec(app);
      expect(Number(m?.[1]), size).toBeGreaterThanOrEqual(TAP_MIN);
    }
  });

  it('no style sheet makes a NutUI button shorter than 44px', () => {
    const short = all
      .filter((r) => r.selectors.some((sel) => /\.nut-button(?![\w-])/.test(sel)))
      .filter((r) => /(?:^|[;\s])height:\s*[\d.]+px/.test(r.decls) && tallest(r.decls) < TAP_MIN)
      .map((r) => `${r.selectors.join(', ')} ${tallest(r.decls)}px`);
    expect(short).toEqual([]);
  });

  it('the checker sees the mixins: a chip and a tap-target link are 44px, a plain text is not', () => {
    expect(heightOf('choice-chips__chip')).toBeGreaterThanOrEqual(TAP_MIN);
    expect(heightOf('stations-page__link')).toBeGreaterThanOrEqual(TAP_MIN);
    expect(heightOf('stations-page__privacy')).toBe(0);
  });
});
