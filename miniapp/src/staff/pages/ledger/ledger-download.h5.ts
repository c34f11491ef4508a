import { saveBlobAs } from '../../components/save-blob';
import { DOWNLOAD_FAILED, LinkExpiredError, type DownloadLedger } from './ledger-download.types';

/** H5: fetched first (an expired link must say so, not save an error page), then saved through a download link. */
export const downloadLedger: DownloadLedger = async (url, fileName) => {
  const res = await fetch(url).catch(() => null);
  if (res?.status === 403) throw new LinkExpiredError();
  if (!res || !res.ok) throw new Error(DOWNLOAD_FAILED);
  await saveBlobAs(res, fileName);
};
