import Taro from '@tarojs/taro';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WishDetailPage from '../src/pages/wish/detail';
import { DELIVER_TEXT } from '../src/pages/wish/deliver-panel';
import { claimsApi, navigation } from './claims-fixtures';
import { errorReply, json, type Route } from './support/fake-server';
import { resetParams, typeInto, withParams } from './support/page';
import { loggedIn } from './support/session';
import { makeWish, photoPicker } from './wish-fixtures';

afterEach(resetParams);

async function open(wish: ReturnType<typeof makeWish>, routes: Record<string, Route> = {}) {
  loggedIn();
  withParams({ id: wish.id });
  const server = claimsApi({ [`/api/wishes/${wish.id}`]: () => json(200, wish), ...routes });
  const nav = navigation();
  const view = render(<WishDetailPage />);
  await screen.findByTestId('wish-detail');
  return { server, nav, container: view.container };
}

const actions = () => screen.queryAllByTestId(/^wish-action-/).map((b) => b.getAttribute('data-testid'));

describe('心愿详情: what each party sees and may do', () => {
  it('a viewer sees the wish without personal data, its timeline, and only 认领', async () => {
    await open(makeWish());
    expect(screen.getByTestId('wish-title').textContent).toBe('给孩子买一个新书包');
    expect(screen.getByTestId('wish-value').textContent).toBe('¥200');
    expect(screen.getByTestId('wish-alias').textContent).toBe('王师傅');
    expect(screen.getByTestId('wish-station').textContent).toBe('中山路工会驿站（思明区）');
    expect(screen.getAllByTestId('wish-event').map((e) => e.getAttribute('data-action'))).toEqual(['posted', 'approve']);
    expect(actions()).toEqual(['wish-action-claim']);
  });

  it('认领 opens the small sheet: donor type chips and a display name go with an Idempotency-Key; the answer shows the next step', async () => {
    const claimed = makeWish({ status: 'claimed', viewer: 'donor', actions: ['release', 'deliver'], donor: '某某公司', holdUntil: '2026-12-09T02:00:00.000Z' });
    const { server, container } = await open(makeWish(), { '/api/wishes/w1/claim': () => json(200, claimed) });
    fireEvent.click(screen.getByTestId('wish-action-claim'));
    const sheet = screen.getByTestId('wish-claim-sheet');
    fireEvent.click(within(sheet).getByText('企业'));
    typeInto(container, 'wish-claim-name', '某某公司');
    fireEvent.click(screen.getByTestId('wish-claim-submit'));
    await waitFor(() => expect(screen.getByTestId('wish-status').textContent).toBe('已认领'));
    const [req] = server.to('/api/wishes/w1/claim');
    expect(req.data).toEqual({ donorType: 'company', displayName: '某某公司', anonymous: false });
    expect(req.header['Idempotency-Key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(screen.queryByTestId('wish-claim-sheet')).toBeNull();
    expect(screen.getByTestId('wish-next').textContent).toBe('请在 2026-12-09 前送到「中山路工会驿站」，并拍照标记已送达');
    expect(actions()).toEqual(['wish-action-deliver', 'wish-action-release']);
  });

  it('匿名 (or no name) claims as anonymous; someone faster gets a plain message and 刷新', async () => {
    const taken = '这个心愿刚被其他爱心人士认领了';
    const { server } = await open(makeWish(), { '/api/wishes/w1/claim': () => errorReply(409, 'WISH_TAKEN', taken) });
    fireEvent.click(screen.getByTestId('wish-action-claim'));
    fireEvent.click(screen.getByTestId('wish-claim-anonymous'));
    expect(screen.queryByTestId('wish-claim-name')).toBeNull();
    fireEvent.click(screen.getByTestId('wish-claim-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-action-error').textContent).toContain(taken));
    expect(server.to('/api/wishes/w1/claim')[0].data).toEqual({ donorType: 'person', anonymous: true });
    fireEvent.click(screen.getByTestId('claim-action-refresh'));
    await waitFor(() => expect(server.to('/api/wishes/w1').length).toBeGreaterThanOrEqual(2));
  });

  it('the wisher may withdraw before a donor claims (after confirming)', async () => {
    const mine = makeWish({ viewer: 'wisher', actions: ['cancel'] });
    const { server } = await open(mine, { '/api/wishes/w1/cancel': () => json(200, { ...mine, status: 'cancelled', actions: [] }) });
    expect(screen.getByTestId('wish-next').textContent).toBe('已在心愿墙上，等待爱心人士认领');
    expect(actions()).toEqual(['wish-action-cancel']);
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByTestId('wish-action-cancel'));
    await waitFor(() => expect(screen.getByTestId('wish-status').textContent).toBe('已撤回'));
    expect(server.to('/api/wishes/w1/cancel')).toHaveLength(1);
    expect(actions()).toEqual([]);
  });

  it('the donor marks delivered with a photo (required) and a note', async () => {
    const held = makeWish({ status: 'claimed', viewer: 'donor', actions: ['release', 'deliver'], donor: '匿名' });
    const uploads = photoPicker('dp1');
    const { server, container } = await open(held, { '/api/wishes/w1/deliver': () => json(200, { ...held, status: 'delivered', actions: [], deliveryPhotoId: 'dp1' }) });
    fireEvent.click(screen.getByTestId('wish-action-deliver'));
    fireEvent.click(screen.getByTestId('wish-deliver-submit'));
    expect(screen.getByTestId('wish-deliver-error').textContent).toBe(DELIVER_TEXT.needPhoto);
    fireEvent.click(screen.getByTestId('wish-deliver-photos-add'));
    await waitFor(() => expect(screen.getByTestId('wish-deliver-photos-item').getAttribute('data-state')).toBe('done'));
    expect(uploads[0]).toMatchObject({ url: '/api/wishes/photos', name: 'file' });
    typeInto(container, 'wish-deliver-note', '放在驿站前台');
    fireEvent.click(screen.getByTestId('wish-deliver-submit'));
    await waitFor(() => expect(screen.getByTestId('wish-status').textContent).toBe('已送达'));
    expect(server.to('/api/wishes/w1/deliver')[0].data).toEqual({ handover: 'station', photoId: 'dp1', note: '放在驿站前台' });
    expect(screen.getByTestId('wish-delivery-photo')).toBeTruthy();
  });

  it('the wisher confirms after pickup and thanks (≤ 200); the thank-you then shows', async () => {
    const picked = makeWish({ status: 'picked_up', viewer: 'wisher', actions: ['confirm'], donor: '某某公司' });
    const { server, container } = await open(picked, {
      '/api/wishes/w1/confirm': (req) => json(200, { ...picked, status: 'fulfilled', actions: [], thanks: (req.data as { thanks: string }).thanks }),
    });
    expect(screen.getByTestId('wish-next').textContent).toBe('已领取，请确认收到并写一句感谢');
    fireEvent.click(screen.getByTestId('wish-action-confirm'));
    fireEvent.click(screen.getByTestId('wish-thanks-panel-submit'));
    expect(screen.getByTestId('wish-thanks-panel-error')).toBeTruthy();
    typeInto(container, 'wish-thanks-panel-text', '书包收到了，孩子很喜欢，谢谢你！');
    expect((container.querySelector('[data-testid=wish-thanks-panel-text] textarea') as HTMLTextAreaElement).maxLength).toBe(200);
    fireEvent.click(screen.getByTestId('wish-thanks-panel-submit'));
    await waitFor(() => expect(screen.getByTestId('wish-thanks').textContent).toContain('书包收到了，孩子很喜欢，谢谢你！'));
    expect(server.to('/api/wishes/w1/confirm')[0].data).toEqual({ thanks: '书包收到了，孩子很喜欢，谢谢你！' });
    expect(screen.getByTestId('wish-status').textContent).toBe('已圆梦');
  });

  it('the donor may release a claim after confirming', async () => {
    const held = makeWish({ status: 'claimed', viewer: 'donor', actions: ['release', 'deliver'] });
    const { server } = await open(held, { '/api/wishes/w1/release': () => json(200, { ...held, status: 'published', viewer: 'public', actions: ['claim'] }) });
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByTestId('wish-action-release'));
    await waitFor(() => expect(screen.getByTestId('wish-status').textContent).toBe('待认领'));
    expect(server.to('/api/wishes/w1/release')).toHaveLength(1);
  });

  it('logged out: says why and offers 登录; nothing is fetched', async () => {
    withParams({ id: 'w1' });
    const server = claimsApi({});
    render(<WishDetailPage />);
    expect(screen.getByTestId('wish-login-needed')).toBeTruthy();
    expect(server.to('/api/wishes/w1')).toHaveLength(0);
  });

  it('a fulfilled wish without a thank-you offers 写下感谢 to its wisher (POST /thanks)', async () => {
    const fulfilled = makeWish({ status: 'fulfilled', wall: 'fulfilled', viewer: 'wisher', actions: ['thank'], donor: '某某公司' });
    const { server, container } = await open(fulfilled, { '/api/wishes/w1/thanks': () => json(200, { ...fulfilled, actions: [], thanks: '谢谢你！' }) });
    expect(screen.getByTestId('wish-next').textContent).toBe('心愿已圆梦，写一句感谢吧');
    fireEvent.click(screen.getByTestId('wish-action-thank'));
    typeInto(container, 'wish-thank-panel-text', '谢谢你！');
    fireEvent.click(screen.getByTestId('wish-thank-panel-submit'));
    await waitFor(() => expect(screen.getByTestId('wish-thanks').textContent).toContain('谢谢你！'));
    expect(server.to('/api/wishes/w1/thanks')[0].data).toEqual({ thanks: '谢谢你！' });
  });

  it('a donor holding 3 wishes is told so, without a 刷新 that would not help', async () => {
    const message = '你已认领 3 个未完成的心愿，送达后再认领新的心愿吧';
    await open(makeWish(), { '/api/wishes/w1/claim': () => errorReply(409, 'WISH_DONOR_LIMIT', message) });
    fireEvent.click(screen.getByTestId('wish-action-claim'));
    fireEvent.click(screen.getByTestId('wish-claim-submit'));
    await waitFor(() => expect(screen.getByTestId('claim-action-error').textContent).toContain(message));
    expect(screen.queryByTestId('claim-action-refresh')).toBeNull();
  });

  it('the station master may sign for it and hand it over from the detail too', async () => {
    const delivered = makeWish({ status: 'delivered', viewer: 'station', actions: ['receive'] });
    const { server, container } = await open(delivered, {
      '/api/wishes/w1/receive': () => json(200, { ...delivered, status: 'received', actions: ['pickup'] }),
      '/api/wishes/w1/pickup': () => json(200, { ...delivered, status: 'picked_up', actions: [] }),
    });
    expect(actions()).toEqual(['wish-action-receive']);
    fireEvent.click(screen.getByTestId('wish-action-receive'));
    await waitFor(() => expect(screen.getByTestId('wish-status').textContent).toBe('驿站已签收'));
    fireEvent.click(screen.getByTestId('wish-action-pickup'));
    typeInto(container, 'wish-pickup-token', 'card-token-of-the-wisher');
    fireEvent.click(screen.getByTestId('wish-pickup-submit'));
    await waitFor(() => expect(screen.getByTestId('wish-status').textContent).toBe('已领取'));
    expect(server.to('/api/wishes/w1/pickup')[0].data).toEqual({ cardToken: 'card-token-of-the-wisher' });
  });

  it('an officer opening a wish in screening is sent to the editor', async () => {
    const { nav } = await open(makeWish({ status: 'screening', viewer: 'officer', actions: ['approve', 'reject'] }));
    expect(actions()).toEqual(['wish-action-screen']);
    fireEvent.click(screen.getByTestId('wish-action-screen'));
    expect(nav.navigate).toHaveBeenCalledWith({ url: '/staff/pages/wish-screen/index?id=w1' });
  });
});

