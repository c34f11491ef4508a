import Taro from '@tarojs/taro';
import { getAccessToken } from '../../../services/session';
import { DOWNLOAD_FAILED, type DownloadSettlement } from './settlement-download.types';

/** weapp: downloaded with the bearer token, then opened in WeChat's document viewer (its menu forwards or saves it). */
export const downloadSettlement: DownloadSettlement = async (url) => {
  const token = getAccessToken();
  const res = await Taro.downloadFile({ url, header: token ? { Authorization: `Bearer ${token}` } : {} }).catch(() => null);
  if (!res || res.statusCode !== 200) throw new Error(DOWNLOAD_FAILED);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
};
