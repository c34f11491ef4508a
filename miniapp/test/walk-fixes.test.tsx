// What a new user hit walking the H5 app in Chromium (issue 16 UI points), each fixed and pinned here.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { compile } from 'sass';
import { afterEach, describe, expect, it, vi } from 'vitest';
import BenefitsPage from '../src/pages/benefits/index';
import WishesPage, { WALL_TEXT } from '../src/pages/wishes/index';
import StationEditorPage from '../src/staff/pages/station/index';
import StationEventsPage from '../src/staff/pages/station-events/index';
import { claimsApi, navigation } from './claims-fixtures';
import { fakeServer, json } from './support/fake-server';
import { resetParams } from './support/page';
import { loggedIn, worker } from './support/session';
import { browserPosition, managed, managedSummary, removeBrowserPosition } from './station-fixtures';
import { wallPage } from './wish-fixtures';

const src = path.resolve(__dirname, '../src');
const master = { ...worker, roles: [{ role: 'station_master' as const, orgId: null, orgCode: null, orgName: null }] };

afterEach(() => {
  resetParams();
  removeBrowserPosition();
});

describe('text fields', () => {
  it('are ≥ 44px tall where a thumb lands: the native field fills the row (it was 26px inside a 48px box)', () => {
    const css = compile(path.join(src, 'components/ui-input.scss')).css.replace(/\s+/g, ' ');
    const rule = (selector: string) => new RegExp(`${selector.replace(/[.*]/g, (c) => `\\${c}`)} \\{([^}]*)\\}`).exec(css)?.[1] ?? '';
    const minHeight = (decls: string) => Number(/min-height: (\d+)px/.exec(decls)?.[1] ?? 0);
    expect(minHeight(rule('.nut-input-native'))).toBeGreaterThanOrEqual(44);
    expect(rule('.nut-input-native')).toContain('align-self: stretch');
    // H5: Taro's <taro-input-core> wraps the real <input>.
    expect(minHeight(rule('.nut-input-native .weui-input'))).toBeGreaterThanOrEqual(44);
    // NutUI's fixed 38px row would clip it.
    expect(rule('.nut-input-container')).toContain('height: auto');
    // Every page that uses the app's Input gets the rule: it is imported with the component.
    expect(readFileSync(path.join(src, 'components/ui.ts'), 'utf8')).toContain("import './ui-input.scss'");
  });
});

describe('pages zoom', () => {
  it('the H5 page lets a rider with low vision pinch-zoom (no user-scalable=no, no maximum-scale)', () => {
    const viewport = /<meta[^>]*name="viewport"[^>]*>/.exec(readFileSync(path.join(src, 'index.html'), 'utf8'))?.[0] ?? '';
    expect(viewport).toContain('width=device-width');
    expect(viewport).not.toMatch(/user-scalable\s*=\s*no|maximum-scale/);
  });
});

describe('优惠 signed out', () => {
  it('shows 登录 without asking for the position or calling the server (it answered 401 in the console)', async () => {
    const locate = vi.spyOn(Taro, 'getLocation');
    const server = fakeServer(() => json(401, {}));
    render(<BenefitsPage />);
    // render() has flushed the effects: the position would have been asked by now.
    await screen.findByTestId('benefits-login');
    expect(locate).not.toHaveBeenCalled();
    expect(server.requests.map((r) => r.url)).toEqual([]);
  });
});

describe('心愿墙 empty', () => {
  it('says what to do next: 发心愿 when nothing waits, 待认领 on the other filters', async () => {
    browserPosition(null);
    loggedIn();
    claimsApi({ '/api/wishes/wall': () => json(200, wallPage([], { counts: { open: 0, claimed: 0, fulfilled: 0 } })), '/api/inbox/unread-count': () => json(200, { unread: 0 }) });
    navigation();
    render(<WishesPage />);
    expect((await screen.findByTestId('wishes-empty')).textContent).toBe(WALL_TEXT.empty.open);
    expect(WALL_TEXT.empty.open).toContain('「发心愿」');
    expect(WALL_TEXT.empty.claimed).toContain('「待认领」');
    expect(WALL_TEXT.empty.fulfilled).toContain('「待认领」');
  });
});

describe('a station master with one station', () => {
  const keeps = (stations: number) =>
    fakeServer((req) => {
      if (req.url.includes('/api/stations/manage')) return json(200, { items: Array.from({ length: stations }, (_, i) => managedSummary({ id: `s${i + 1}`, name: `驿站${i + 1}` })), nextAfter: null });
      if (req.url.endsWith('/api/stations/s1/manage')) return json(200, managed());
      if (req.url.includes('/events')) return json(200, []);
      return json(404, {});
    });

  it('驿站维护 opens the station at once and offers no 换一个驿站 (a list of one)', async () => {
    loggedIn(master);
    keeps(1);
    render(<StationEditorPage />);
    await screen.findByTestId('station-editor');
    expect(screen.queryByTestId('station-editor-switch')).toBeNull();
  });

  it('活动管理 likewise; with two stations the picker lists both and 换一个驿站 stays', async () => {
    loggedIn(master);
    keeps(1);
    const { unmount } = render(<StationEventsPage />);
    await screen.findByTestId('station-events-editor');
    expect(screen.queryByTestId('station-events-switch')).toBeNull();
    unmount();

    keeps(2);
    render(<StationEventsPage />);
    await waitFor(() => expect(screen.getAllByTestId('station-picker-item')).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('station-picker-item')[0]);
    await screen.findByTestId('station-events-editor');
    expect(screen.getByTestId('station-events-switch')).toBeTruthy();
  });
});
