import type { FactoryProvider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { S3FileStorage } from './s3-file-storage';
import { FileStorage, LocalFileStorage } from './storage';

/** The one FileStorage of a module: the S3 bucket when `S3_BUCKET` is set, else the local directory. */
export const fileStorageProvider: FactoryProvider<FileStorage> = {
  provide: FileStorage,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => (config.S3_BUCKET ? new S3FileStorage(config) : new LocalFileStorage(config)),
};
