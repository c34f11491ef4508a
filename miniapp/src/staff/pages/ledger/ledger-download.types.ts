/** Saves (H5) or opens (weapp) the exported workbook from its signed link; throws LinkExpiredError on 403. */
export type DownloadLedger = (url: string, fileName: string) => Promise<void>;

export const DOWNLOAD_FAILED = '下载失败，请检查网络后重试';

/** The signed link is past its 10 minutes (or was altered): the server answers 403. */
export class LinkExpiredError extends Error {
  constructor() {
    super('下载链接已过期');
    this.name = 'LinkExpiredError';
  }
}
