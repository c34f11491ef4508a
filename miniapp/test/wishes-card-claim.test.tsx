import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import WishesPage from '../src/pages/wishes/index';
import WishDetailPage from '../src/pages/wish/detail';
import { claimsApi, navigation } from './claims-fixtures';
import { json } from './support/fake-server';
import { resetParams, withParams } from './support/page';
import { loggedIn } from './support/session';
import { makeWish, wallPage, wallWish } from './wish-fixtures';

afterEach(resetParams);

describe('心愿墙: 认领 in two taps from a card, and the first day on the wall', () => {
  it('an open card offers 认领 (tap 1: the detail with the sheet open); a claimed or fulfilled card does not; each card shows its first day on the wall', async () => {
    loggedIn();
    claimsApi({
      '/api/wishes/wall': () =>
        json(200, wallPage([wallWish({ id: 'a' }), wallWish({ id: 'b', status: 'claimed', wall: 'claimed', wallUntil: null }), wallWish({ id: 'c', status: 'fulfilled', wall: 'fulfilled', wallUntil: null })])),
      '/api/inbox/unread-count': () => json(200, { unread: 0 }),
    });
    const nav = navigation();
    render(<WishesPage />);
    await waitFor(() => expect(screen.getAllByTestId('wish-card')).toHaveLength(3));
    const [a, b, c] = screen.getAllByTestId('wish-card');
    expect(within(a).getByTestId('wish-card-posted').textContent).toBe('2026-11-21 上墙');
    expect(within(b).queryByTestId('wish-card-claim')).toBeNull();
    expect(within(c).queryByTestId('wish-card-claim')).toBeNull();
    fireEvent.click(within(a).getByTestId('wish-card-claim'));
    // only the claim route: the tap does not also open the card
    expect(nav.navigate.mock.calls.map(([o]) => o.url)).toEqual(['/pages/wish/detail?id=a&claim=1']);
  });

  it('tap 2 on the open sheet claims: 个人 and 爱心人士 by default, with an Idempotency-Key', async () => {
    loggedIn();
    withParams({ id: 'w1', claim: '1' });
    const claimed = makeWish({ status: 'claimed', wall: 'claimed', viewer: 'donor', actions: ['release', 'deliver'], donor: '匿名', holdUntil: '2026-12-09T02:00:00.000Z', wallUntil: null });
    const server = claimsApi({ '/api/wishes/w1': () => json(200, makeWish()), '/api/wishes/w1/claim': () => json(200, claimed) });
    render(<WishDetailPage />);
    await screen.findByTestId('wish-claim-sheet');
    fireEvent.click(screen.getByTestId('wish-claim-submit'));
    await waitFor(() => expect(screen.getByTestId('wish-status').textContent).toBe('已认领'));
    const [req] = server.to('/api/wishes/w1/claim');
    expect(req.data).toEqual({ donorType: 'person', anonymous: true });
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the sheet stays shut for a wish that may not be claimed (e.g. the wisher opening their own from the link)', async () => {
    loggedIn();
    withParams({ id: 'w1', claim: '1' });
    claimsApi({ '/api/wishes/w1': () => json(200, makeWish({ viewer: 'wisher', actions: ['cancel'] })) });
    render(<WishDetailPage />);
    await screen.findByTestId('wish-detail');
    expect(screen.queryByTestId('wish-claim-sheet')).toBeNull();
  });

  it('a wish back on the wall shows its first day there and the fresh 30 days (待认领至)', async () => {
    loggedIn();
    withParams({ id: 'w1' });
    claimsApi({ '/api/wishes/w1': () => json(200, makeWish({ publishedAt: '2026-10-20T02:00:00.000Z', wallUntil: '2026-12-30T02:00:00.000Z' })) });
    render(<WishDetailPage />);
    await screen.findByTestId('wish-detail');
    expect(screen.getByTestId('wish-published').textContent).toBe('2026-10-20');
    expect(screen.getByTestId('wish-wall-until').textContent).toBe('2026-12-30');
  });
});
