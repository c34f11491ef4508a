import Taro from '@tarojs/taro';
import { DOWNLOAD_FAILED, LinkExpiredError, type DownloadLedger } from './ledger-download.types';

/** weapp: the signed link needs no header (downloadFile sends none); opened in WeChat's document viewer to forward or save. */
export const downloadLedger: DownloadLedger = async (url) => {
  const res = await Taro.downloadFile({ url }).catch(() => null);
  if (res?.statusCode === 403) throw new LinkExpiredError();
  if (!res || res.statusCode !== 200) throw new Error(DOWNLOAD_FAILED);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
};
