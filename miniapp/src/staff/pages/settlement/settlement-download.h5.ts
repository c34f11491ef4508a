import { saveBlobAs } from '../../components/save-blob';
import { getAccessToken } from '../../../services/session';
import { DOWNLOAD_FAILED, type DownloadSettlement } from './settlement-download.types';

/** H5: the file is fetched with the bearer token and saved through a download link (a bare link cannot carry the token). */
export const downloadSettlement: DownloadSettlement = async (url, fileName) => {
  const token = getAccessToken();
  const res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} }).catch(() => null);
  if (!res || !res.ok) throw new Error(DOWNLOAD_FAILED);
  await saveBlobAs(res, fileName);
};
