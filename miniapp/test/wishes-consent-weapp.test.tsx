import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimsApi, navigation } from './claims-fixtures';
import { json } from './support/fake-server';
import { typeInto } from './support/page';
import { loggedIn } from './support/session';
import { browserPosition, removeBrowserPosition, summary } from './station-fixtures';
import { makeWish } from './wish-fixtures';

// The weapp build links subscribe-consent.weapp.ts; tests otherwise resolve the .h5 file (a no-op).
vi.mock('../src/utils/subscribe-consent', async () => await import('../src/utils/subscribe-consent.weapp'));

const { default: NewWishPage } = await import('../src/pages/wish/new');

const taro = Taro as unknown as Record<string, unknown>;
const RULES = { member: true, valueCapFen: 50000, yearlyLimit: 2, usedThisYear: 0, openWishId: null, canPost: true };

afterEach(() => {
  delete taro.requestSubscribeMessage;
  removeBrowserPosition();
});

async function postWith(templates: unknown) {
  browserPosition({ latitude: 24.4637, longitude: 118.0978 });
  loggedIn();
  const postedWhenAsked: number[] = [];
  const server = claimsApi({
    '/api/wishes/rules': () => json(200, RULES),
    '/api/stations/nearby': () => json(200, [summary({ id: 's1' })]),
    '/api/wishes': () => json(201, makeWish({ id: 'w42', viewer: 'wisher', status: 'screening', actions: ['cancel'] })),
    '/api/notifications/templates': () => json(200, templates),
    '/api/notifications/subscriptions': () => json(200, { credits: {} }),
  });
  const ask = vi.fn(() => {
    postedWhenAsked.push(server.to('/api/wishes').length);
    return Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', 'T-wish': 'accept' });
  });
  taro.requestSubscribeMessage = ask;
  const nav = navigation();
  const view = render(<NewWishPage />);
  await screen.findByTestId('wish-form');
  await waitFor(() => expect(server.to('/api/notifications/templates')).toHaveLength(1));
  await act(() => new Promise((r) => setTimeout(r, 0)));
  fireEvent.click(within(screen.getByTestId('wish-category')).getByText('生活用品'));
  typeInto(view.container, 'wish-title', '一件冬天的外套');
  typeInto(view.container, 'wish-story', '天冷了，跑单时想要一件厚外套。');
  typeInto(view.container, 'wish-value', '300');
  fireEvent.click(await screen.findByTestId('wish-station-nearby'));
  fireEvent.click(screen.getByTestId('wish-submit'));
  await waitFor(() => expect(nav.redirect).toHaveBeenCalledWith({ url: '/pages/wish/detail?id=w42' }));
  return { ask, postedWhenAsked, server };
}

describe('发心愿: WeChat subscribe consent', () => {
  it('the server lists a wish moment: asked inside the tap, before the wish is posted', async () => {
    const { ask, postedWhenAsked, server } = await postWith({ enabled: true, moments: { claim: ['T-claim'], join: [], event: [], wish: ['T-wish'] } });
    expect(ask).toHaveBeenCalledWith({ tmplIds: ['T-wish'] });
    expect(postedWhenAsked).toEqual([0]);
    await waitFor(() => expect(server.to('/api/notifications/subscriptions')).toHaveLength(1));
  });

  it('an older server without a wish moment: nothing is asked and the wish still goes in', async () => {
    const { ask, server } = await postWith({ enabled: true, moments: { claim: ['T-claim'], join: ['T-join'], event: ['T-event'] } });
    expect(ask).not.toHaveBeenCalled();
    expect(server.to('/api/wishes')).toHaveLength(1);
  });
});
