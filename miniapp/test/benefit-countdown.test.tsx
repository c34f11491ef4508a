import { act, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Countdown, formatCountdown } from '../src/components/countdown';
import { serverOffsetMs } from '../src/utils/server-clock';
import { groupTillCode, tillDigits } from '../src/utils/till-code';

describe('formatCountdown', () => {
  it('shows mm:ss under an hour, hh:mm:ss under a day, days beyond; rounds up to the next second', () => {
    expect(formatCountdown(65_000)).toBe('01:05');
    expect(formatCountdown(200)).toBe('00:01');
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(-5)).toBe('00:00');
    expect(formatCountdown((3 * 3600 + 4 * 60 + 5) * 1000)).toBe('03:04:05');
    expect(formatCountdown((2 * 86400 + 3 * 3600 + 4 * 60 + 5) * 1000)).toBe('2 天 03:04:05');
  });
});

describe('serverOffsetMs', () => {
  it('is the server clock minus the phone clock at receipt; 0 without a usable time', () => {
    const phone = Date.parse('2026-12-02T02:00:00.000Z');
    expect(serverOffsetMs('2026-12-02T02:01:00.000Z', phone)).toBe(60_000);
    expect(serverOffsetMs('2026-12-02T01:59:30.000Z', phone)).toBe(-30_000);
    expect(serverOffsetMs(undefined, phone)).toBe(0);
    expect(serverOffsetMs('nonsense', phone)).toBe(0);
  });
});

describe('Countdown', () => {
  it('counts down on the server clock (phone 60 s slow) and calls onDone once at the opening moment', async () => {
    vi.useFakeTimers();
    const phoneNow = Date.parse('2026-12-02T01:58:00.000Z');
    vi.setSystemTime(phoneNow);
    // The server says it is 01:59:00 while the phone says 01:58:00: the campaign opens at 02:00:00 server time.
    const offset = serverOffsetMs('2026-12-02T01:59:00.000Z', phoneNow);
    const onDone = vi.fn();
    render(<Countdown target='2026-12-02T02:00:00.000Z' offsetMs={offset} prefix='距开抢' onDone={onDone} testId='cd' />);
    expect(screen.getByTestId('cd').textContent).toBe('距开抢 01:00');
    await act(() => vi.advanceTimersByTimeAsync(59_000));
    expect(screen.getByTestId('cd').textContent).toBe('距开抢 00:01');
    expect(onDone).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    expect(screen.getByTestId('cd').textContent).toBe('距开抢 00:00');
    expect(onDone).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});

describe('till code entry', () => {
  it('keeps digits only, at most 12, grouped 4-4-4 as typed', () => {
    expect(groupTillCode('123456789012')).toBe('1234 5678 9012');
    expect(groupTillCode('1234 56')).toBe('1234 56');
    expect(groupTillCode('1234')).toBe('1234');
    expect(groupTillCode('12-34 5678 9012 99')).toBe('1234 5678 9012');
    expect(tillDigits('1234 5678 9012')).toBe('123456789012');
  });
});
