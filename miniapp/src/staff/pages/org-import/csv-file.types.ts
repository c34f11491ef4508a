/** Lets the admin pick a .csv file and reads it as text; null when they cancel, rejects with a Chinese message to show. */
export type PickCsvFile = () => Promise<{ name: string; text: string } | null>;

/** The import takes at most 200,000 characters; a larger file is refused before it is read. */
export const CSV_MAX_BYTES = 1024 * 1024;

export const CSV_FILE_TEXT = {
  tooBig: '文件太大（超过 1 MB），请分成几份导入',
  unreadable: '读取文件失败，请重新选择',
  notUtf8: '文件编码无法识别，请在 Excel 中另存为「CSV UTF-8」后再选',
};

/** UTF-8 (with or without a BOM) first; Excel on Chinese Windows saves CSV as GB18030, which browsers can decode too. */
export function decodeCsv(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(view).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(view);
    } catch {
      throw new Error(CSV_FILE_TEXT.notUtf8);
    }
  }
}
