import QRCode from 'qrcode';
import { fakeJpeg, startFakeWechat, type FakeWechat } from './fakes/fake-wechat';
import { createTestApp, type TestApp } from './helpers/test-app';

describe('org join codes', () => {
  describe('without WeChat: a standard QR of the H5 join URL', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ PUBLIC_BASE_URL: 'https://nuanxin.example.org' });
    });
    afterAll(() => t.close());

    it('encodes …/#/pages/join/index?org=CODE as a PNG', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/orgs/XM-MT/qrcode' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      // QR encoding is deterministic: the same URL and options give the same image
      const expected = await QRCode.toBuffer('https://nuanxin.example.org/#/pages/join/index?org=XM-MT', { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 480 });
      expect(res.rawPayload.equals(expected)).toBe(true);
      const other = await t.app.inject({ method: 'GET', url: '/api/orgs/XM-SF/qrcode' });
      expect(other.rawPayload.equals(res.rawPayload)).toBe(false);
    });

    it('unknown orgs are 404 in the error shape', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/orgs/NOPE/qrcode' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ORG_NOT_FOUND');
    });
  });

  describe('with WeChat: getUnlimitedQRCode with scene = org code', () => {
    let t: TestApp;
    let wx: FakeWechat;
    beforeAll(async () => {
      wx = await startFakeWechat();
      t = await createTestApp({ WECHAT_APPID: 'wx-test-appid', WECHAT_SECRET: 'test-secret', WECHAT_API_BASE: wx.baseUrl });
    });
    afterAll(async () => {
      await t.close();
      await wx.close();
    });

    it('returns WeChat\'s image for the join page and caches it', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/orgs/XM-MT/qrcode' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      expect(res.rawPayload.equals(fakeJpeg('XM-MT'))).toBe(true);
      expect(wx.codeCalls).toEqual([{ scene: 'XM-MT', page: 'pages/join/index', check_path: false }]);
      await t.app.inject({ method: 'GET', url: '/api/orgs/XM-MT/qrcode' });
      expect(wx.codeCalls).toHaveLength(1);
      expect(wx.tokenCalls).toBe(1);
    });

    it('renews an expired access token once and goes on', async () => {
      wx.expireTokens();
      const res = await t.app.inject({ method: 'GET', url: '/api/orgs/XM-SF/qrcode' });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(fakeJpeg('XM-SF'))).toBe(true);
      expect(wx.tokenCalls).toBe(2);
    });
  });
});
