// Design tokens (src/styles/_tokens.scss): contrast is checked, not hoped for, and no style sheet
// writes a colour of its own.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compile } from 'sass';
import { describe, expect, it } from 'vitest';

const src = path.resolve(__dirname, '../src');
const tokensFile = path.join(src, 'styles/_tokens.scss');

/** `$name: value;` lines of the tokens file, aliases (`$a: $b;`) resolved. */
function readTokens(): Map<string, string> {
  const raw = new Map<string, string>();
  for (const m of readFileSync(tokensFile, 'utf8').matchAll(/^\$([\w-]+):\s*([^;]+);/gm)) raw.set(m[1], m[2].trim());
  const resolve = (name: string, seen: string[] = []): string => {
    const value = raw.get(name);
    if (value === undefined) throw new Error(`unknown token $${name}`);
    if (!value.startsWith('$')) return value;
    if (seen.includes(name)) throw new Error(`token cycle ${seen.join(' → ')}`);
    return resolve(value.slice(1), [...seen, name]);
  };
  return new Map([...raw.keys()].map((k) => [k, resolve(k)]));
}

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function scssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return scssFiles(p);
    return e.name.endsWith('.scss') ? [p] : [];
  });
}

const tokens = readTokens();
const color = (name: string) => {
  const v = tokens.get(name);
  if (!v || !/^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(v)) throw new Error(`$${name} is not a hex colour: ${v}`);
  return v;
};

// Text colours and every background text is set on.
const textRoles = ['color-text', 'color-text-secondary', 'color-text-tertiary', 'color-primary', 'color-primary-pressed', 'color-success', 'color-warning', 'color-danger', 'color-danger-strong'];
const textBackgrounds = ['color-background', 'color-surface', 'color-surface-muted', 'color-divider', 'color-primary-soft', 'color-success-soft', 'color-warning-soft', 'color-danger-soft'];
// White labels and glyphs sit on these.
const inverseBackgrounds = ['color-primary', 'color-primary-pressed', 'color-primary-gradient-end', 'color-success', 'color-danger', ...[...tokens.keys()].filter((k) => k.startsWith('color-service-'))];

describe('design tokens', () => {
  it('has every role the pages use', () => {
    for (const role of ['color-primary', 'color-primary-pressed', 'color-text', 'color-text-secondary', 'color-text-disabled', 'color-success', 'color-warning', 'color-danger', 'color-border', 'color-background', 'color-surface']) {
      expect(() => color(role)).not.toThrow();
    }
    expect(tokens.get('tap-min')).toBe('44px');
  });

  it.each(textRoles.flatMap((fg) => textBackgrounds.map((bg) => [fg, bg])))('text $%s on $%s reaches 4.5:1', (fg, bg) => {
    expect(contrast(color(fg), color(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(inverseBackgrounds)('white text on $%s reaches 4.5:1', (bg) => {
    expect(contrast(color('color-text-inverse'), color(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it('graphics a user must see (rating stars, checkbox and input outlines) reach 3:1 on the surface', () => {
    for (const g of ['color-rating', 'color-border-strong']) {
      expect(contrast(color(g), color('color-surface'))).toBeGreaterThanOrEqual(3);
    }
  });

  it('computes WCAG ratios correctly', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#8c8c8c', '#ffffff')).toBeCloseTo(3.36, 2);
  });
});

describe('style sheets use tokens', () => {
  const files = scssFiles(src).filter((f) => f !== tokensFile);

  it('finds the style sheets', () => {
    expect(files.length).toBeGreaterThan(40);
  });

  it('every style sheet compiles (each token it names exists)', () => {
    const failures = files.flatMap((f) => {
      try {
        compile(f, { silenceDeprecations: ['import'] });
        return [];
      } catch (e) {
        return [`${path.relative(src, f)}: ${(e as Error).message.split('\n')[0]}`];
      }
    });
    expect(failures).toEqual([]);
  });

  it('writes no raw colour (hex, or rgb()/rgba() of numbers) outside _tokens.scss', () => {
    const offenders = files.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line: line.replace(/\/\/.*$/, ''), at: `${path.relative(src, f)}:${i + 1}` }))
        .filter(({ line }) => /#[0-9a-f]{3,8}\b/i.test(line) || /\b(?:rgba?|hsla?)\(\s*\d/i.test(line))
        .map(({ at, line }) => `${at} ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('colours text only with text-role tokens (contrast-checked above)', () => {
    const allowed = new Set([...textRoles, 'color-text-inverse', 'color-text-disabled', 'color-rating', 'color-border-strong'].map((t) => `$${t}`));
    const offenders = files.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/^\s*color:\s*([^;]+);/gm)]
        // `!important` (overriding a library's inline colour) changes nothing about which token colours the text.
        .map((m) => m[1].replace(/\s*!important$/, '').trim())
        .filter((v) => !allowed.has(v) && !['inherit', 'currentColor', 'transparent'].includes(v))
        .map((v) => `${path.relative(src, f)}: color: ${v}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('app.config.ts colours (plain strings for app.json)', () => {
  const config = readFileSync(path.join(src, 'app.config.ts'), 'utf8');
  const pinned = [...config.matchAll(/(\w+): '(#[0-9a-fA-F]+)',\s*\/\/\s*\$([\w-]+)/g)];

  it('names a token beside every colour', () => {
    const all = [...config.matchAll(/'#[0-9a-fA-F]+'/g)];
    expect(pinned.length).toBe(all.length);
    expect(pinned.map((m) => m[1]).sort()).toEqual(['backgroundColor', 'backgroundColor', 'color', 'navigationBarBackgroundColor', 'selectedColor']);
  });

  it.each(pinned.map((m) => [m[1], m[2], m[3]]))('%s %s equals $%s', (_key, value, token) => {
    expect(value.toLowerCase()).toBe(color(token).toLowerCase());
  });
});
