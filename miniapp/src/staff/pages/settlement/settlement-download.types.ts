/** Downloads the month's Excel file with the caller's token; rejects with a Chinese message to show. */
export type DownloadSettlement = (url: string, fileName: string) => Promise<void>;

export const DOWNLOAD_FAILED = '下载失败，请检查网络后重试';
