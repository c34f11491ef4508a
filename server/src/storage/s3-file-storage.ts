import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import { AppConfig } from '../config/app-config';
import { checkedKey, FileStorage } from './storage';

/** The S3 client as configured: also used by tests to see the exact requests it sends. */
export function s3ClientFor(config: AppConfig): S3Client {
  return new S3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
    // Since early 2025 the SDK adds CRC32 checksums and aws-chunked uploads to every PutObject by default;
    // OSS, COS, MinIO and others have rejected them. Send checksums only where an operation requires one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
  });
}

/**
 * Photos in an S3-compatible bucket (AWS S3, Aliyun OSS, Tencent COS, MinIO), so every replica reads what any
 * replica wrote. Objects stay private: they are served through the app after its access checks, never by URL.
 */
@Injectable()
export class S3FileStorage extends FileStorage implements OnApplicationShutdown {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(@Inject(AppConfig) config: AppConfig) {
    super();
    if (!config.S3_BUCKET) throw new Error('S3_BUCKET is not set');
    this.client = s3ClientFor(config);
    this.bucket = config.S3_BUCKET;
    this.prefix = config.S3_PREFIX;
  }

  private key(key: string): string {
    return this.prefix + checkedKey(key);
  }

  async put(key: string, body: Buffer): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(key), Body: body, ContentLength: body.length }));
  }

  async get(key: string): Promise<Buffer> {
    const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
    if (!res.Body) throw new Error('empty object body');
    return Buffer.from(await res.Body.transformToByteArray());
  }

  async remove(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
  }

  /** One streamed PUT with its length known up front (no multipart: exports stay far below S3's 5 GB limit). */
  async putFile(key: string, path: string): Promise<void> {
    const { size } = await stat(path);
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(key), Body: createReadStream(path), ContentLength: size }));
  }

  /** The object's body as it arrives; a failed GET surfaces as the stream's error. */
  stream(key: string): Readable {
    const out = new PassThrough();
    this.client
      .send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(key) }))
      .then((res) => {
        if (!(res.Body instanceof Readable)) throw new Error('object body is not a stream');
        res.Body.on('error', (err) => out.destroy(err)).pipe(out);
      })
      .catch((err: Error) => out.destroy(err));
    return out;
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }
}
