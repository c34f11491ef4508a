// Staff pages are used at a desk as often as on a phone (issue 14 §3): every page of the staff subpackage puts
// `staff-layout` on its root view and loads staff-layout.scss, so a ≥ 1024 px window gets a readable column
// instead of a stretched phone. A new staff page without it fails here, not in an officer's browser.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.resolve(__dirname, '../src');

/** The staff subpackage's pages as app.config.ts registers them. */
function staffPages(): string[] {
  const config = readFileSync(path.join(src, 'app.config.ts'), 'utf8');
  const block = /root:\s*'staff',\s*pages:\s*\[([^\]]*)\]/.exec(config);
  if (!block) throw new Error('staff subpackage not found in app.config.ts');
  return [...block[1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
}

describe('staff pages on a desktop', () => {
  const pages = staffPages();

  it('finds the staff pages in app.config.ts', () => {
    expect(pages).toContain('pages/home/index');
    expect(pages.length).toBeGreaterThan(20);
  });

  it.each(pages)('%s uses the staff layout on its root view', (page) => {
    const source = readFileSync(path.join(src, 'staff', `${page}.tsx`), 'utf8');
    expect(source).toMatch(/import '(\.\.\/)+staff-layout\.scss';/);
    // Every root `nx-page` view of the page carries the layout class (loading and error states included).
    const roots = [...source.matchAll(/className=\{?['"`]nx-page([^'"`]*)['"`]/g)].map((m) => m[1]);
    expect(roots.length).toBeGreaterThan(0);
    for (const classes of roots) expect(classes.split(/\s+/)).toContain('staff-layout');
  });
});
