import { shanghaiDate } from '@nuanxin/shared';
import { CalendarDay } from '../src/calendar/calendar-day.entity';
import { CalendarYear } from '../src/calendar/calendar-year.entity';
import { CalendarService } from '../src/calendar/calendar.service';
import { createTestApp, devLogin, type Session, type TestApp } from './helpers/test-app';

describe('calendar coverage and per-deadline estimates', () => {
  let t: TestApp;
  let admin: Session, officerSM: Session;
  let calendar: CalendarService;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await devLogin(t.app, 'demo-admin');
    officerSM = await devLogin(t.app, 'demo-officer-sm');
    calendar = t.app.get(CalendarService);
  });
  afterAll(() => t.close());

  const days = async (from: string, to: string) => (await t.app.inject({ method: 'GET', url: `/api/calendar?from=${from}&to=${to}` })).json();
  const putDay = (date: string, payload: object, s = admin) => t.app.inject({ method: 'PUT', url: `/api/calendar/days/${date}`, headers: s.auth, payload });
  const declare = (year: string | number, s = admin) => t.app.inject({ method: 'PUT', url: `/api/calendar/years/${year}`, headers: s.auth });
  const years = async () => (await t.app.inject({ method: 'GET', url: '/api/calendar/years' })).json() as Array<{ year: number; source: string }>;

  it('the shipped years are covered from the first boot', async () => {
    const list = await years();
    expect(list.find((y) => y.year === 2026)).toMatchObject({ source: 'chinese-days' });
    expect(list.map((y) => y.year)).not.toContain(2030);
    expect((await days('2026-03-03', '2026-03-03'))[0]).toMatchObject({ workday: true, estimated: false });
  });

  it('an admin edit of one day in an uncovered year keeps the rest of that year estimated', async () => {
    const put = await putDay('2030-05-06', { workday: false, note: '劳动节' });
    expect(put.json()).toEqual({ date: '2030-05-06', workday: false, note: '劳动节', estimated: false });
    const may = await days('2030-05-03', '2030-05-07');
    expect(may.map((d: { date: string; estimated: boolean }) => [d.date, d.estimated])).toEqual([
      ['2030-05-03', true],
      ['2030-05-04', true],
      ['2030-05-05', true],
      ['2030-05-06', false],
      ['2030-05-07', true],
    ]);
    expect((await days('2030-01-01', '2030-01-01'))[0].estimated).toBe(true);
    expect(calendar.lookup('2030-05-07')).toBeUndefined();
    // a deadline counted through it skips the edited holiday and is still flagged estimated
    const due = calendar.addWorkingDays(new Date('2030-05-03T02:00:00Z'), 1);
    expect({ date: shanghaiDate(due.due), estimated: due.estimated }).toEqual({ date: '2030-05-07', estimated: true });
    expect((await years()).map((y) => y.year)).not.toContain(2030);
  });

  it('an admin declares a year complete; only then is it official', async () => {
    expect((await declare(2030, officerSM)).statusCode).toBe(403);
    for (const bad of ['1999', '2101', '30', 'abcd']) {
      const res = await declare(bad);
      expect([bad, res.statusCode, res.json().errors?.[0]?.field]).toEqual([bad, 400, 'year']);
    }
    const res = await declare(2030);
    expect(res.json()).toMatchObject({ year: 2030, source: 'admin' });
    expect((await days('2030-05-06', '2030-05-07')).map((d: { workday: boolean; estimated: boolean }) => [d.workday, d.estimated])).toEqual([
      [false, false],
      [true, false],
    ]);
    expect(calendar.addWorkingDays(new Date('2030-05-03T02:00:00Z'), 1).estimated).toBe(false);
    // declaring again changes nothing; a shipped year keeps its source
    expect((await declare(2030)).json().coveredAt).toBe(res.json().coveredAt);
    expect((await declare(2026)).json().source).toBe('chinese-days');
  });

  it('a newer package with a new year seeds that year on boot, keeping days an admin already set', async () => {
    await putDay('2031-01-01', { workday: true, note: '示例：元旦照常上班' });
    const shipped: CalendarDay[] = [
      { date: '2031-01-01', workday: false, note: '元旦' },
      { date: '2031-01-02', workday: false, note: '元旦' },
      { date: '2031-01-04', workday: true, note: '元旦调休上班' },
    ];
    expect(await calendar.seedMissingYears([...shipped, { date: '2026-10-01', workday: true, note: '不应覆盖' }])).toEqual([2031]);
    expect(await calendar.stored('2031-01-01', '2031-12-31')).toEqual([
      { date: '2031-01-01', workday: true, note: '示例：元旦照常上班' },
      { date: '2031-01-02', workday: false, note: '元旦' },
      { date: '2031-01-04', workday: true, note: '元旦调休上班' },
    ]);
    expect((await calendar.stored('2026-10-01', '2026-10-01'))[0]).toMatchObject({ workday: false });
    // Thu 2 Jan holiday, Fri 3 Jan workday, Sat 4 Jan make-up workday, Sun 5 Jan rest, Mon 6 Jan workday: all official
    expect((await days('2031-01-02', '2031-01-06')).map((d: { workday: boolean; estimated: boolean }) => [d.workday, d.estimated])).toEqual([
      [false, false],
      [true, false],
      [true, false],
      [false, false],
      [true, false],
    ]);
    expect((await years()).find((y) => y.year === 2031)).toMatchObject({ source: 'chinese-days' });
    expect(await calendar.seedMissingYears(shipped)).toEqual([]);
  });

  it('a database from before coverage was recorded gets its shipped years on boot, admin edits kept', async () => {
    // as an older database looks: 2025's rows partly there (one edited by an admin), no coverage rows
    await t.ds.getRepository(CalendarYear).delete({ year: 2025 });
    await t.ds.getRepository(CalendarDay).delete({ date: '2025-10-01' });
    await putDay('2025-10-02', { workday: true, note: '示例：照常上班' });
    await calendar.reload();
    expect((await days('2025-03-03', '2025-03-03'))[0].estimated).toBe(true);

    await calendar.onModuleInit();
    expect((await years()).find((y) => y.year === 2025)).toMatchObject({ source: 'chinese-days' });
    expect(await calendar.stored('2025-10-01', '2025-10-02')).toEqual([
      { date: '2025-10-01', workday: false, note: '国庆节' },
      { date: '2025-10-02', workday: true, note: '示例：照常上班' },
    ]);
    expect((await days('2025-03-03', '2025-03-03'))[0].estimated).toBe(false);
  });

  it('two replicas booting at once seed a missing year once, without failing', async () => {
    await t.ds.getRepository(CalendarYear).delete({ year: 2024 });
    const before = await calendar.stored('2024-01-01', '2024-12-31');
    const [a, b] = await Promise.all([calendar.seedMissingYears(), calendar.seedMissingYears()]);
    expect([...a, ...b]).toEqual([2024]);
    expect(await calendar.stored('2024-01-01', '2024-12-31')).toEqual(before);
    expect((await years()).filter((y) => y.year === 2024)).toHaveLength(1);
  });

  describe('one estimated flag per deadline', () => {
    const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));
    const cover = async (covered: boolean) => {
      const repo = t.ds.getRepository(CalendarYear);
      for (const year of [thisYear, thisYear + 1]) {
        if (covered) {
          if (!(await repo.findOneBy({ year }))) await repo.insert({ year, source: 'admin', coveredAt: new Date() });
        } else await repo.delete({ year });
      }
      await calendar.reload();
    };
    afterAll(() => cover(true));

    it('the first-response and mediation deadlines carry their own flags; deadlineEstimated stays for older clients', async () => {
      await cover(true);
      const w = await devLogin(t.app, 'calendar-worker-1');
      const filed = await t.app.inject({
        method: 'POST',
        url: '/api/claims',
        headers: w.auth,
        payload: { category: 'wages', employerName: '某某配送站', description: '十月份工资至今未发放。', contactPreference: 'message', districtCode: 'XM-SM' },
      });
      expect(filed.json()).toMatchObject({ firstResponseEstimated: false, mediationEstimated: false, deadlineEstimated: false });

      await cover(false); // the accepting officer counts through years without data
      const accepted = (await t.app.inject({ method: 'POST', url: `/api/claims/${filed.json().id}/accept`, headers: officerSM.auth })).json();
      expect(accepted).toMatchObject({ status: 'accepted', firstResponseEstimated: false, mediationEstimated: true, deadlineEstimated: true });
      expect(accepted.dueAt).toBe(accepted.mediationDueAt);

      await cover(true);
      const up = (await t.app.inject({ method: 'POST', url: `/api/claims/${filed.json().id}/escalate`, headers: officerSM.auth, payload: { note: '需要市总协调' } })).json();
      expect(up).toMatchObject({ status: 'escalated', mediationDueAt: null, firstResponseEstimated: false, mediationEstimated: false, deadlineEstimated: false });
      expect(up.dueAt).toBe(up.firstResponseDueAt);

      await cover(false);
      const w2 = await devLogin(t.app, 'calendar-worker-2');
      const estimated = await t.app.inject({
        method: 'POST',
        url: '/api/claims',
        headers: w2.auth,
        payload: { category: 'wages', employerName: '某某配送站', description: '十月份工资至今未发放。', contactPreference: 'message', districtCode: 'XM-SM' },
      });
      expect(estimated.json()).toMatchObject({ firstResponseEstimated: true, mediationEstimated: false, deadlineEstimated: true });
    });
  });
});
