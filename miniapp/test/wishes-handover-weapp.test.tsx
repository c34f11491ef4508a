import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimsApi } from './claims-fixtures';
import { json } from './support/fake-server';
import { loggedIn, worker } from './support/session';
import { makeWish } from './wish-fixtures';

// The weapp build links scan-button.weapp.tsx (WeChat's scanner); tests otherwise resolve the .h5 file (no button).
vi.mock('../src/components/scan-button', async () => await import('../src/components/scan-button.weapp'));

const { default: WishHandoverPage } = await import('../src/staff/pages/wish-handover/index');

const master = { ...worker, id: 'm1', roles: [{ role: 'station_master' as const, orgId: null, orgCode: null, orgName: null }] };
const taro = Taro as unknown as Record<string, unknown>;

afterEach(() => {
  delete taro.scanCode;
});

describe('心愿交接 on weapp', () => {
  it("扫描会员码 reads the wisher's card and confirms the pickup with that token in one go", async () => {
    const scanCode = vi.fn(() => Promise.resolve({ result: 'card-of-wisher', path: '', errMsg: 'scanCode:ok' }));
    taro.scanCode = scanCode;
    loggedIn(master);
    const received = makeWish({ status: 'received', viewer: 'station', actions: ['pickup'] });
    const server = claimsApi({
      '/api/wishes/station': () => json(200, [received]),
      '/api/wishes/w1/pickup': () => json(200, { ...received, status: 'picked_up', actions: [] }),
    });
    render(<WishHandoverPage />);
    fireEvent.click(await screen.findByTestId('wish-handover-pickup'));
    fireEvent.click(screen.getByTestId('wish-pickup-scan'));
    await waitFor(() => expect(screen.getByTestId('wish-handover-card-status').textContent).toBe('已领取'));
    expect(scanCode).toHaveBeenCalledTimes(1);
    expect(server.to('/api/wishes/w1/pickup').map((r) => r.data)).toEqual([{ cardToken: 'card-of-wisher' }]);
  });
});
