import { CSV_FILE_TEXT, CSV_MAX_BYTES, decodeCsv, type PickCsvFile } from './csv-file.types';

/** H5: the browser's file chooser (a detached <input type=file>), read in the page; nothing is uploaded. */
export const pickCsvFile: PickCsvFile = () =>
  new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,text/csv,text/plain';
    input.addEventListener('cancel', () => resolve(null));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return resolve(null);
      if (file.size > CSV_MAX_BYTES) return reject(new Error(CSV_FILE_TEXT.tooBig));
      const reader = new FileReader();
      reader.onerror = () => reject(new Error(CSV_FILE_TEXT.unreadable));
      reader.onload = () => {
        try {
          resolve({ name: file.name, text: decodeCsv(reader.result as ArrayBuffer) });
        } catch (err) {
          reject(err);
        }
      };
      reader.readAsArrayBuffer(file);
    });
    input.click();
  });
