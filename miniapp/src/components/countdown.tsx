import { useEffect, useRef, useState } from 'react';
import { Text } from '@tarojs/components';

const pad = (n: number) => String(n).padStart(2, '0');

/** `2 天 03:04:05`, `03:04:05`, `04:05` (rounded up: 0.2 s left still shows 00:01). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const clock = h || d ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  return d ? `${d} 天 ${clock}` : clock;
}

/**
 * Milliseconds until `target` on the server's clock (`offsetMs`: server minus phone), ticking on each whole second
 * left; 0 once it is there, and `onDone` runs once then.
 */
export function useCountdown(target: string, offsetMs: number, onDone?: () => void): number {
  const at = new Date(target).getTime();
  const left = () => Math.max(0, at - (Date.now() + offsetMs));
  const [ms, setMs] = useState(left);
  const done = useRef(onDone);
  done.current = onDone;

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const now = left();
      setMs(now);
      if (now <= 0) {
        done.current?.();
        return;
      }
      // Wake when the shown second changes (ceil), not on a drifting 1 s interval.
      timer = setTimeout(tick, now % 1000 || 1000);
    };
    tick();
    return () => clearTimeout(timer);
  }, [at, offsetMs]);
  return ms;
}

/** 距开抢 02:15 — counts down to an opening moment; `onDone` when it opens (the page reloads or enables 领取). */
export function Countdown({ target, offsetMs, prefix, onDone, testId, className }: { target: string; offsetMs: number; prefix: string; onDone?: () => void; testId: string; className?: string }) {
  const ms = useCountdown(target, offsetMs, onDone);
  return (
    <Text className={className} data-testid={testId} data-left-ms={ms}>
      {`${prefix} ${formatCountdown(ms)}`}
    </Text>
  );
}
