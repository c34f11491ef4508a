import type { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { FileStorage, LocalFileStorage } from './storage';

/** The one FileStorage of a module: the S3 bucket when `S3_BUCKET` is set, else the local directory. */
export const fileStorageProvider: FactoryProvider<FileStorage> = {
  provide: FileStorage,
  inject: [AppConfig],
  // The S3 SDK is loaded only when a bucket is configured (not at every boot: ~0.13 s CPU).
  useFactory: async (config: AppConfig) => (config.S3_BUCKET ? new (await import('./s3-file-storage')).S3FileStorage(config) : new LocalFileStorage(config)),
};
