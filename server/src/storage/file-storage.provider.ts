import type { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { FileStorage, LocalFileStorage } from './storage';

/** The one FileStorage of a module: the S3 bucket when `S3_BUCKET` is set, else the local directory. */
export const fileStorageProvider: FactoryProvider<FileStorage> = {
  provide: FileStorage,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => {
    if (!config.S3_BUCKET) return new LocalFileStorage(config);
    // The S3 SDK is loaded only when a bucket is configured, not at every boot (~0.13 s CPU of a server start).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { S3FileStorage } = require('./s3-file-storage') as typeof import('./s3-file-storage');
    return new S3FileStorage(config);
  },
};
