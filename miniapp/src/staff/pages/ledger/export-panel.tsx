import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { beijingParts } from '@nuanxin/shared';
import { Button } from '../../../components/ui';
import { createActionKeys } from '../../../services/action-keys';
import { exportFileUrl, fetchLedgerExport, startLedgerExport, type ExportProgress, type LedgerFilters } from '../../../services/claims-ledger';
import { errorMessage } from '../../../utils/error-message';
import { toastDone } from '../../../utils/feedback';
import { downloadLedger } from './ledger-download';
import { LinkExpiredError } from './ledger-download.types';

export const EXPORT_TEXT = {
  title: '导出 Excel',
  hint: '按当前筛选条件导出台账，职工姓名和电话已打码。',
  start: '导出 Excel',
  starting: '正在提交…',
  queued: '排队中，马上开始…',
  running: (done: number, total: number | null) => (total === null ? `正在导出，已写入 ${done} 条` : `正在导出 ${done}/${total} 条`),
  done: (n: number) => `已导出 ${n} 条。下载链接 10 分钟内有效。`,
  download: '下载',
  downloading: '正在下载…',
  downloaded: '已下载',
  expired: '下载链接已过期，请重新导出。',
  failed: '导出失败，请重新导出。',
  again: '重新导出',
  startFailed: '导出没有开始，请检查网络后重试',
};

/** Between progress polls; the server's job writes 1,000 rows a batch. */
export const POLL_MS = 1500;
/** Consecutive failed polls before the panel gives up and offers 重新导出. */
const POLL_TRIES = 3;

type State =
  | { kind: 'idle'; error?: string }
  | { kind: 'starting' }
  | { kind: 'working'; progress: ExportProgress }
  | { kind: 'done'; progress: ExportProgress; downloading: boolean; error?: string }
  | { kind: 'expired' }
  | { kind: 'failed' };

const pad = (n: number) => String(n).padStart(2, '0');
function fileName(now = new Date()): string {
  const p = beijingParts(now);
  return `诉求台账-${p.year}${pad(p.month)}${pad(p.date)}.xlsx`;
}

/**
 * 导出 Excel with the 台账's current filters: starts the background export, polls its progress, then 下载 while the
 * signed link lives (10 minutes); past that it says so and offers 重新导出. New filters start over.
 */
export function ExportPanel({ filters }: { filters: LedgerFilters }) {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const keys = useRef(createActionKeys());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const run = useRef(0);
  const filtersKey = JSON.stringify(filters);

  const stopTimer = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  // Other filters make the export stale; leaving the page stops polling.
  useEffect(() => {
    run.current++;
    stopTimer();
    setState({ kind: 'idle' });
  }, [filtersKey]);
  useEffect(() => () => {
    run.current++;
    stopTimer();
  }, []);

  const settle = (progress: ExportProgress, mine: number, failures = 0) => {
    if (mine !== run.current) return;
    if (progress.status === 'failed') return setState({ kind: 'failed' });
    if (progress.status === 'done' && progress.downloadUrl) {
      setState({ kind: 'done', progress, downloading: false });
      const left = progress.downloadExpiresAt ? new Date(progress.downloadExpiresAt).getTime() - Date.now() : 0;
      timer.current = setTimeout(() => mine === run.current && setState({ kind: 'expired' }), Math.max(0, left));
      return;
    }
    setState({ kind: 'working', progress });
    timer.current = setTimeout(() => poll(progress, mine, failures), POLL_MS);
  };

  const poll = async (last: ExportProgress, mine: number, failures: number) => {
    try {
      settle(await fetchLedgerExport(last.id), mine);
    } catch {
      if (mine !== run.current) return;
      if (failures + 1 >= POLL_TRIES) return setState({ kind: 'failed' });
      timer.current = setTimeout(() => poll(last, mine, failures + 1), POLL_MS);
    }
  };

  const start = async () => {
    const mine = ++run.current;
    stopTimer();
    setState({ kind: 'starting' });
    const key = keys.current.keyFor('export', filters);
    try {
      const progress = await startLedgerExport(filters, key);
      keys.current.settle('export');
      settle(progress, mine);
    } catch (err) {
      keys.current.settle('export', err);
      if (mine === run.current) setState({ kind: 'idle', error: errorMessage(err, EXPORT_TEXT.startFailed) });
    }
  };

  const download = async () => {
    if (state.kind !== 'done' || !state.progress.downloadUrl) return;
    const mine = run.current;
    if (state.progress.downloadExpiresAt && new Date(state.progress.downloadExpiresAt).getTime() <= Date.now()) return setState({ kind: 'expired' });
    setState({ ...state, downloading: true, error: undefined });
    try {
      await downloadLedger(exportFileUrl(state.progress.downloadUrl), fileName());
      if (mine !== run.current) return;
      setState((s) => (s.kind === 'done' ? { ...s, downloading: false } : s));
      toastDone(EXPORT_TEXT.downloaded);
    } catch (err) {
      if (mine !== run.current) return;
      if (err instanceof LinkExpiredError) {
        stopTimer();
        return setState({ kind: 'expired' });
      }
      setState((s) => (s.kind === 'done' ? { ...s, downloading: false, error: (err as Error).message } : s));
    }
  };

  return (
    <View className='nx-card ledger-export' data-testid='ledger-export'>
      <Text className='ledger-export__title'>{EXPORT_TEXT.title}</Text>
      {(state.kind === 'idle' || state.kind === 'starting') && (
        <>
          <Text className='nx-text'>{EXPORT_TEXT.hint}</Text>
          {state.kind === 'idle' && state.error && (
            <Text className='ledger-export__error' data-testid='ledger-export-error'>
              {state.error}
            </Text>
          )}
          <Button className='nx-big-button' type='primary' loading={state.kind === 'starting'} disabled={state.kind === 'starting'} onClick={start} data-testid='ledger-export-start'>
            {state.kind === 'starting' ? EXPORT_TEXT.starting : EXPORT_TEXT.start}
          </Button>
        </>
      )}
      {state.kind === 'working' && <Progress progress={state.progress} />}
      {state.kind === 'done' && (
        <>
          <Text className='nx-text' data-testid='ledger-export-done'>
            {EXPORT_TEXT.done(state.progress.rowsDone)}
          </Text>
          {state.error && (
            <Text className='ledger-export__error' data-testid='ledger-export-error'>
              {state.error}
            </Text>
          )}
          <Button className='nx-big-button' type='primary' loading={state.downloading} disabled={state.downloading} onClick={download} data-testid='ledger-export-download'>
            {state.downloading ? EXPORT_TEXT.downloading : EXPORT_TEXT.download}
          </Button>
        </>
      )}
      {(state.kind === 'expired' || state.kind === 'failed') && (
        <>
          <Text className='ledger-export__error' data-testid={`ledger-export-${state.kind}`}>
            {state.kind === 'expired' ? EXPORT_TEXT.expired : EXPORT_TEXT.failed}
          </Text>
          <Button className='nx-big-button' type='primary' onClick={start} data-testid='ledger-export-again'>
            {EXPORT_TEXT.again}
          </Button>
        </>
      )}
    </View>
  );
}

function Progress({ progress }: { progress: ExportProgress }) {
  const pct = progress.rowsTotal ? Math.min(100, Math.round((progress.rowsDone / progress.rowsTotal) * 100)) : 0;
  return (
    <View data-testid='ledger-export-progress'>
      <Text className='nx-text' data-testid='ledger-export-progress-text'>
        {progress.status === 'pending' ? EXPORT_TEXT.queued : EXPORT_TEXT.running(progress.rowsDone, progress.rowsTotal)}
      </Text>
      <View className='ledger-export__bar' role='progressbar' aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label='导出进度'>
        <View className='ledger-export__fill' style={{ width: `${pct}%` }} />
      </View>
    </View>
  );
}
