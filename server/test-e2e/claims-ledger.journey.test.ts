import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { LEDGER_COLUMNS } from '../src/claims/claim-ledger-xlsx';
import { expectAccessible } from './axe';
import { useJourney } from './browser';
import { apiCall, devToken, expectText, loginAs, testId } from './session';

/**
 * 台账, export and dashboard in Chromium (H5): a rider files an injury claim → the district officer opens 诉求台账,
 * narrows it to 工伤/交通事故 + 待受理 and sees the claim (worker masked) → 导出 Excel runs in the background (the
 * jobs room writes it) → 下载 saves an .xlsx whose first row is the paper ledger's header and which holds the claim →
 * 数据看板 counts it, in text as well as in the charts. axe on each page.
 */
describe('claims ledger (台账 → 导出 → 看板) in Chromium (H5)', () => {
  const j = useJourney();

  const chip = (page: Page, group: string, label: string) => page.locator(`[data-testid=${group}-option]`, { hasText: label }).last();

  /**
   * Waits until the export panel shows 下载 (the jobs room wrote the file). Any other end (失败, 过期, an error) or no end
   * within 2 minutes fails with what the panel shows and what the server says of the export, so a CI log tells which.
   */
  const exportSettled = async (page: Page, baseUrl: string, id: string) => {
    const ends = ['download', 'failed', 'expired', 'error'].map((k) => `[data-testid=ledger-export-${k}]`).join(', ');
    const shown = await page
      .locator(ends)
      .last()
      .waitFor({ timeout: 120_000 })
      .then(() => null, (err: Error) => err.message.split('\n')[0]);
    if (!shown && (await testId(page, 'ledger-export-download').count()) > 0) return;
    const panel = (await testId(page, 'ledger-export').textContent().catch(() => null)) ?? '(no panel)';
    const server = await apiCall(baseUrl, 'GET', `/api/claims/exports/${id}`, await devToken(baseUrl, 'demo-officer-sm'));
    throw new Error(`export ${id} did not become downloadable: ${shown ?? 'the panel ended otherwise'}; panel: ${panel}; server: ${server.status} ${JSON.stringify(server.body)}`);
  };

  it('an officer filters the ledger, exports and downloads it, and the dashboard shows the case', async () => {
    const rider = await devToken(j.baseUrl, 'journey-ledger-worker');
    const filed = await apiCall<{ id: string; number: string }>(j.baseUrl, 'POST', '/api/claims', rider, {
      category: 'injury',
      employerName: '某某快送思明站',
      amountFen: 880000,
      description: '送餐途中被车撞伤，站点不给报工伤。',
      contactPreference: 'phone',
      contactName: '陈师傅',
      contactMobile: '13900003333',
      districtCode: 'XM-SM',
    });
    expect(filed.status).toBe(201);
    const { id, number } = filed.body;

    // The officer's workbench leads to the ledger.
    const officer = j.page;
    await loginAs(officer, j.baseUrl, 'demo-officer-sm');
    await officer.goto(`${j.baseUrl}/#/staff/pages/home/index`);
    await testId(officer, 'staff-tool-ledger').click();
    await testId(officer, 'ledger-page').waitFor();
    await testId(officer, 'ledger-row').waitFor();

    // Filter: 工伤/交通事故 + 待受理; the claim is there with its worker masked.
    const narrowed = officer.waitForResponse((r) => r.url().includes('/api/claims/ledger') && r.url().includes('category=injury') && r.url().includes('status=submitted'));
    await chip(officer, 'ledger-category', '工伤/交通事故').click();
    await chip(officer, 'ledger-status', '待受理').click();
    expect((await narrowed).status()).toBe(200);
    const row = officer.locator('[data-testid=ledger-row]', { hasText: number }).last();
    await row.waitFor();
    expect(await officer.locator('[data-testid=ledger-row]').count()).toBe(1);
    expect(await row.locator('[data-testid=ledger-row-who]').textContent()).toBe('陈** · 139****3333 · 工伤/交通事故 · 某某快送思明站');
    expect(await row.locator('[data-testid=ledger-row-status]').textContent()).toBe('待受理');
    await expectAccessible(officer, '诉求台账');

    // 导出 Excel with these filters: progress, then 下载 (the jobs room writes the file on its tick).
    const started = officer.waitForResponse((r) => r.url().endsWith('/api/claims/exports') && r.request().method() === 'POST');
    await testId(officer, 'ledger-export-start').click();
    const exportId = ((await (await started).json()) as { id: string }).id;
    await exportSettled(officer, j.baseUrl, exportId);
    await expectText(testId(officer, 'ledger-export-done'), '已导出 1 条。下载链接 10 分钟内有效。');
    const download = officer.waitForEvent('download');
    await testId(officer, 'ledger-export-download').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^诉求台账-\d{8}\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await file.path())!)) as unknown as ExcelJS.Buffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(header.slice(0, 4)).toEqual(['编号', '受理日期', '职工', '联系电话']);
    const numbers = [];
    for (let r = 2; r <= sheet.rowCount; r++) numbers.push(sheet.getRow(r).getCell(1).value);
    expect(numbers).toEqual([number]);
    expect(String(sheet.getRow(2).getCell(4).value)).toBe('139****3333');
    await expectAccessible(officer, '诉求台账（导出完成）');

    // The claim opens from its row on the staff claim page.
    await row.click();
    await officer.waitForURL(new RegExp(`#/staff/pages/claim/index\\?id=${id}`));

    // 数据看板: this year's figures count the claim; the same numbers as text under each chart.
    const token = await devToken(j.baseUrl, 'demo-officer-sm');
    const dash = await apiCall<{ received: number; byCategory: Array<{ label: string; received: number }> }>(j.baseUrl, 'GET', '/api/claims/dashboard', token);
    expect(dash.status).toBe(200);
    const injury = dash.body.byCategory.find((c) => c.label === '工伤/交通事故')!;
    expect(injury.received).toBeGreaterThanOrEqual(1);
    await officer.goto(`${j.baseUrl}/#/staff/pages/dashboard/index`);
    await expectText(testId(officer, 'dashboard-received'), `${dash.body.received} 件`);
    const injuryRow = officer.locator('[data-testid=dashboard-category-row]', { hasText: '工伤/交通事故' }).last();
    await injuryRow.waitFor();
    expect((await injuryRow.locator('.dashboard-table__cell').allTextContents()).slice(0, 2)).toEqual(['工伤/交通事故', String(injury.received)]);
    // The charts are drawn (ECharts puts its canvas in each chart box).
    await officer.locator('[data-testid=dashboard-chart-categories] canvas').first().waitFor();
    await expectAccessible(officer, '数据看板');
  }, 300_000);
});
