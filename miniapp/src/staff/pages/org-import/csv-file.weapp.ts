import Taro from '@tarojs/taro';
import { CSV_FILE_TEXT, CSV_MAX_BYTES, type PickCsvFile } from './csv-file.types';

/** weapp: a file from a WeChat chat (chooseMessageFile: the admin forwards the CSV to themselves), read as UTF-8. */
export const pickCsvFile: PickCsvFile = async () => {
  const chosen = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] }).catch(() => null);
  const file = chosen?.tempFiles[0];
  if (!file) return null;
  if (file.size > CSV_MAX_BYTES) throw new Error(CSV_FILE_TEXT.tooBig);
  const text = await new Promise<string>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'utf8',
      success: (r) => resolve(String(r.data)),
      fail: () => reject(new Error(CSV_FILE_TEXT.unreadable)),
    }),
  );
  // GB18030 read as UTF-8 turns into replacement characters: ask for a UTF-8 file instead of importing mojibake.
  if (text.includes('\uFFFD')) throw new Error(CSV_FILE_TEXT.notUtf8);
  return { name: file.name, text: text.replace(/^\uFEFF/, '') };
};
