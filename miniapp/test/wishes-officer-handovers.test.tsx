import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import WishScreeningPage, { SCREENING_TEXT } from '../src/staff/pages/wish-screening/index';
import { claimsApi, navigation, officer } from './claims-fixtures';
import { json } from './support/fake-server';
import { loggedIn } from './support/session';
import { makeWish } from './wish-fixtures';

describe('微心愿审核 → 交接中 (officers)', () => {
  it('lists the subtree\'s wishes between claim and confirmation with what each waits for; a stuck one says it may be closed; a tap opens the wish', async () => {
    loggedIn(officer);
    const server = claimsApi({
      '/api/wishes/queue': () => json(200, { items: [], nextCursor: null }),
      '/api/wishes/handovers': () =>
        json(200, [
          makeWish({ id: 'p', status: 'picked_up', viewer: 'officer', actions: ['close'], title: '一副护膝' }),
          makeWish({ id: 'c', status: 'claimed', viewer: 'officer', actions: [], title: '新书包' }),
        ]),
    });
    const nav = navigation();
    render(<WishScreeningPage />);
    await screen.findByTestId('wish-screening-empty');
    fireEvent.click(screen.getByText(SCREENING_TEXT.tabs.handover));
    await waitFor(() => expect(screen.getAllByTestId('wish-handovers-item')).toHaveLength(2));
    const [p, c] = screen.getAllByTestId('wish-handovers-item');
    expect(within(p).getByTestId('wish-handovers-item-line').textContent).toBe(SCREENING_TEXT.handoverLine.picked_up);
    expect(within(p).getByTestId('wish-handovers-item-flag').textContent).toBe(SCREENING_TEXT.closable);
    expect(within(c).getByTestId('wish-handovers-item-line').textContent).toBe(SCREENING_TEXT.handoverLine.claimed);
    expect(within(c).queryByTestId('wish-handovers-item-flag')).toBeNull();
    fireEvent.click(p);
    expect(nav.navigate).toHaveBeenLastCalledWith({ url: '/pages/wish/detail?id=p' });
    expect(server.to('/api/wishes/handovers')).toHaveLength(1);
  });
});
