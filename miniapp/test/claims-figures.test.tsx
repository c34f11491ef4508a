import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import ClaimFiguresPage, { FIGURES_TEXT } from '../src/pages/claims/figures';
import type { PublicFigures } from '../src/services/claims-ledger';
import { fakeServer, json } from './support/fake-server';

const FIGURES: PublicFigures = {
  year: 2026,
  city: { name: '全市', code: null, received: 12, closed: 9, recoveredFen: 1234550, satisfactionPercent: 91.7, byCategory: [{ label: '欠薪', received: 7 }, { label: '其他', received: 5 }] },
  districts: [{ name: '思明区', code: 'XM-SM', received: 8, closed: 6, recoveredFen: 1000000, satisfactionPercent: null, byCategory: [] }],
  asOf: '2026-12-02T02:00:00.000Z',
};

describe('工会数据 (public figures)', () => {
  it('shows this year’s city and district figures without login; money is confirmed payments only', async () => {
    const server = fakeServer(() => json(200, FIGURES));
    render(<ClaimFiguresPage />);
    const city = await screen.findByTestId('claim-figures-city');
    expect(city.textContent).toBe('全市受理12 件办结9 件追回金额¥12345.50满意率91.7%按类别：欠薪 7，其他 5');
    expect(screen.getByTestId('claim-figures-district').textContent).toBe('思明区受理8 件办结6 件追回金额¥10000满意率暂无评价');
    expect(screen.getByTestId('claim-figures').textContent).toContain(FIGURES_TEXT.note);
    expect(screen.getByTestId('claim-figures').textContent).toContain('统计时间 2026年12月2日 10:00');
    expect(server.requests[0].header.Authorization).toBeUndefined();
  });
});
