import { Text, View } from '@tarojs/components';
import { checkWeeklyHours, type TimeRange, type WeeklyHours } from '@nuanxin/shared';
import { PickerField } from '../../../components/picker-field';
import { ChoiceChips } from '../../../components/choice-chips';
import { WEEKDAY_LABELS } from '../../../components/station-format';

export const HOURS_TEXT = {
  modes: ['休息', '24 小时', '分时段'] as const,
  open: '开门',
  close: '关门',
  addRange: '+ 添加时段',
  removeRange: '删除',
  copyToAll: '复制到每天',
  copyToWeekdays: '复制到周一至周五',
  overnightHint: '每天可设多个时段；关门早于开门表示营业到次日，如 18:00 至 02:00。',
  needRange: '请至少填写一个时段，或选择休息',
  needDay: '请至少开放一天',
  maxRanges: 4,
};

export type DayMode = 'closed' | 'allDay' | 'ranges';

export interface DayForm {
  mode: DayMode;
  /** Kept while another mode is chosen, so switching back loses nothing. */
  ranges: TimeRange[];
}

const ALL_DAY: TimeRange = { open: '00:00', close: '24:00' };
const DEFAULT_RANGE: TimeRange = { open: '08:00', close: '20:00' };
/** A time picker always holds a time: an added range starts as an evening the master adjusts. */
const NEXT_RANGE: TimeRange = { open: '18:00', close: '22:00' };
const MODE_OF_LABEL: Record<string, DayMode> = { [HOURS_TEXT.modes[0]]: 'closed', [HOURS_TEXT.modes[1]]: 'allDay', [HOURS_TEXT.modes[2]]: 'ranges' };
const LABEL_OF_MODE: Record<DayMode, string> = { closed: HOURS_TEXT.modes[0], allDay: HOURS_TEXT.modes[1], ranges: HOURS_TEXT.modes[2] };

const isAllDay = (ranges: readonly TimeRange[]) => ranges.length === 1 && ranges[0].open === ALL_DAY.open && ranges[0].close === ALL_DAY.close;

/** The stored week as seven editable days: nothing is flattened, every day keeps its own ranges. */
export function daysOf(h: WeeklyHours): DayForm[] {
  return WEEKDAY_LABELS.map((_, d) => {
    if (h.alwaysOpen) return { mode: 'allDay', ranges: [{ ...DEFAULT_RANGE }] };
    const ranges = h.days[d] ?? [];
    if (ranges.length === 0) return { mode: 'closed', ranges: [{ ...DEFAULT_RANGE }] };
    if (isAllDay(ranges)) return { mode: 'allDay', ranges: [{ ...DEFAULT_RANGE }] };
    return { mode: 'ranges', ranges: ranges.map((r) => ({ ...r })) };
  });
}

/** Seven days back to WeeklyHours; open around the clock every day is stored as `alwaysOpen`. */
export function weeklyHoursOf(days: readonly DayForm[]): WeeklyHours {
  if (days.every((d) => d.mode === 'allDay')) return { alwaysOpen: true, days: days.map(() => []) };
  return {
    alwaysOpen: false,
    days: days.map((d) => (d.mode === 'closed' ? [] : d.mode === 'allDay' ? [{ ...ALL_DAY }] : d.ranges.map((r) => ({ open: r.open.trim(), close: r.close.trim() })))),
  };
}

/** Problems per day (index → message) and for the week, before anything is sent. */
export function checkDays(days: readonly DayForm[]): { perDay: Record<number, string>; week: string | null } {
  const perDay: Record<number, string> = {};
  days.forEach((d, i) => {
    if (d.mode === 'ranges' && d.ranges.length === 0) perDay[i] = HOURS_TEXT.needRange;
  });
  for (const [field, message] of Object.entries(checkWeeklyHours(weeklyHoursOf(days)))) {
    const day = /^days\.(\d)/.exec(field);
    if (day && perDay[Number(day[1])] === undefined) perDay[Number(day[1])] = message;
  }
  const week = days.every((d) => d.mode === 'closed') ? HOURS_TEXT.needDay : null;
  return { perDay, week };
}

const copyDay = (d: DayForm): DayForm => ({ mode: d.mode, ranges: d.ranges.map((r) => ({ ...r })) });

export interface HoursEditorProps {
  days: DayForm[];
  onChange: (days: DayForm[]) => void;
  /** Messages per day (index → message). */
  errors: Record<number, string>;
}

/** Seven rows, Monday first: each day 休息, 24 小时 or up to four ranges (overnight allowed), with copy shortcuts. */
export function HoursEditor({ days, onChange, errors }: HoursEditorProps) {
  const setDay = (i: number, next: DayForm) => onChange(days.map((d, j) => (j === i ? next : d)));
  const setRange = (i: number, r: number, patch: Partial<TimeRange>) => setDay(i, { ...days[i], ranges: days[i].ranges.map((x, k) => (k === r ? { ...x, ...patch } : x)) });
  const copyTo = (i: number, targets: (j: number) => boolean) => onChange(days.map((d, j) => (j !== i && targets(j) ? copyDay(days[i]) : d)));

  return (
    <View className='hours-editor' data-testid='station-editor-days'>
      {days.map((day, i) => (
        <View key={WEEKDAY_LABELS[i]} className={`hours-editor__day${errors[i] ? ' hours-editor__day--error' : ''}`} data-testid='station-editor-day' data-day={i}>
          <View className='hours-editor__head'>
            <Text className='hours-editor__label'>{WEEKDAY_LABELS[i]}</Text>
            <ChoiceChips
              options={HOURS_TEXT.modes}
              value={LABEL_OF_MODE[day.mode]}
              onChange={(label) => {
                const mode = label ? MODE_OF_LABEL[label] : undefined;
                if (mode) setDay(i, { mode, ranges: mode === 'ranges' && day.ranges.length === 0 ? [{ ...DEFAULT_RANGE }] : day.ranges });
              }}
              testId={`station-editor-day-${i}-mode`}
            />
          </View>
          {day.mode === 'ranges' &&
            day.ranges.map((r, k) => (
              <View key={k} className='hours-editor__range' data-testid={`station-editor-day-${i}-range`}>
                <View className='hours-editor__time' data-testid={`station-editor-day-${i}-open-${k}`}>
                  <Text className='hours-editor__time-label'>{HOURS_TEXT.open}</Text>
                  <PickerField mode='time' value={r.open} onChange={(v) => setRange(i, k, { open: v })} label={`${WEEKDAY_LABELS[i]}第 ${k + 1} 段${HOURS_TEXT.open}`} testId={`station-editor-day-${i}-open-${k}-time`} />
                </View>
                <View className='hours-editor__time' data-testid={`station-editor-day-${i}-close-${k}`}>
                  <Text className='hours-editor__time-label'>{HOURS_TEXT.close}</Text>
                  <PickerField mode='time' value={r.close} onChange={(v) => setRange(i, k, { close: v })} label={`${WEEKDAY_LABELS[i]}第 ${k + 1} 段${HOURS_TEXT.close}`} testId={`station-editor-day-${i}-close-${k}-time`} />
                </View>
                <Text
                  className='hours-editor__link'
                  data-testid={`station-editor-day-${i}-remove-${k}`}
                  onClick={() => setDay(i, { ...day, ranges: day.ranges.filter((_, x) => x !== k) })}
                >
                  {HOURS_TEXT.removeRange}
                </Text>
              </View>
            ))}
          {errors[i] && (
            <Text className='hours-editor__error' data-testid={`station-editor-day-${i}-error`}>
              {errors[i]}
            </Text>
          )}
          <View className='hours-editor__links'>
            {day.mode === 'ranges' && day.ranges.length < HOURS_TEXT.maxRanges && (
              <Text
                className='hours-editor__link'
                data-testid={`station-editor-day-${i}-add`}
                onClick={() => setDay(i, { ...day, ranges: [...day.ranges, { ...NEXT_RANGE }] })}
              >
                {HOURS_TEXT.addRange}
              </Text>
            )}
            <Text className='hours-editor__link' data-testid={`station-editor-day-${i}-copy-weekdays`} onClick={() => copyTo(i, (j) => j < 5)}>
              {HOURS_TEXT.copyToWeekdays}
            </Text>
            <Text className='hours-editor__link' data-testid={`station-editor-day-${i}-copy-all`} onClick={() => copyTo(i, () => true)}>
              {HOURS_TEXT.copyToAll}
            </Text>
          </View>
        </View>
      ))}
    </View>
  );
}
