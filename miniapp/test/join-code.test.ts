import { describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import { orgCodeFromParams, orgCodeFromScan } from '../src/utils/join-code';
import { qrDataUrl, qrSvg } from '../src/utils/qr-svg';

describe('orgCodeFromScan', () => {
  it('reads a mini-program code path, an H5 join URL or a bare code', () => {
    expect(orgCodeFromScan('pages/join/index?scene=XM-MT')).toBe('XM-MT');
    expect(orgCodeFromScan('pages/join/index?scene=XM%2DELM&x=1')).toBe('XM-ELM');
    expect(orgCodeFromScan('https://nuanxin.example/#/pages/join/index?org=XM-SM-XJY')).toBe('XM-SM-XJY');
    expect(orgCodeFromScan('http://127.0.0.1:3000/#/pages/join/index?org=XM%2DMT')).toBe('XM-MT');
    expect(orgCodeFromScan(' XM-MT ')).toBe('XM-MT');
  });

  it('rejects anything else', () => {
    expect(orgCodeFromScan('')).toBeNull();
    expect(orgCodeFromScan(null)).toBeNull();
    expect(orgCodeFromScan('https://example.com/pay?amount=1')).toBeNull();
    expect(orgCodeFromScan('pages/join/index?scene=<script>')).toBeNull();
    expect(orgCodeFromScan('微信支付')).toBeNull();
  });
});

describe('orgCodeFromParams', () => {
  it('decodes WeChat scene, falls back to the H5 org query', () => {
    expect(orgCodeFromParams({ scene: 'XM%2DMT' })).toBe('XM-MT');
    expect(orgCodeFromParams({ org: 'XM-ELM' })).toBe('XM-ELM');
    expect(orgCodeFromParams({})).toBeNull();
    expect(orgCodeFromParams({ org: 'a b' })).toBeNull();
  });
});

describe('QR rendering', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIwMUhYIiwidHlwIjoiY2FyZCJ9.c2lnbmF0dXJl';

  it('draws every dark module of the matrix, and nothing else', () => {
    const { size, data } = encode(token, { ecc: 'M', border: 2 });
    const svg = qrSvg(token);
    expect(svg).toContain(`viewBox="0 0 ${size} ${size}"`);
    // Re-paint the runs from the path and compare with the encoder's matrix.
    const painted = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
    for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
      const [x, y, run] = [Number(m[1]), Number(m[2]), Number(m[3])];
      for (let i = 0; i < run; i++) painted[y][x + i] = true;
    }
    expect(painted).toEqual(data);
  });

  it('is an SVG data URL whose base64 decodes to the SVG', () => {
    const url = qrDataUrl(token);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(url.split(',')[1], 'base64').toString('ascii')).toBe(qrSvg(token));
  });
});
