import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

/**
 * One atomic step of a fixed window with a block, the same rule as the throttler's in-memory store:
 * hits 1…limit pass, the next one blocks the key for blockDuration and starts a fresh window after it.
 * KEYS: hits, block. ARGV: ttl ms, limit, block ms. Returns { hits, window ms left, block ms left }.
 */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const STEP = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return { tonumber(ARGV[2]) + 1, blocked, blocked } end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); left = tonumber(ARGV[1]) end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return { hits, left, tonumber(ARGV[3]) }
end
return { hits, left, 0 }`;

/**
 * The auth rate limit counted in Redis (`REDIS_URL`), so a limit is a limit across replicas. When Redis is
 * unreachable the process counts on its own (as without Redis) and says so once, rather than failing logins.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleInit, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly local = new ThrottlerStorageService();
  private readonly log = new Logger('RateLimit');
  private degraded = false;

  constructor(url: string) {
    // Required here, not imported: ioredis (~50 modules) is loaded only by a server that has REDIS_URL.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Redis } = require('ioredis') as typeof import('ioredis');
    this.redis = new Redis(url, { keyPrefix: 'nx:rl:', maxRetriesPerRequest: 1, commandTimeout: 500, enableReadyCheck: false });
    // Connection errors are handled per call below; without a listener ioredis reports them as unhandled.
    this.redis.on('error', () => undefined);
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.redis.status === 'ready') {
      try {
        const [hits, left, blocked] = (await this.redis.eval(STEP, 2, `${throttlerName}:${key}`, `${throttlerName}:${key}:block`, ttl, limit, blockDuration)) as number[];
        this.setDegraded(false);
        return { totalHits: hits, timeToExpire: Math.ceil(left / 1000), isBlocked: blocked > 0, timeToBlockExpire: Math.ceil(blocked / 1000) };
      } catch (err) {
        this.setDegraded(true, err);
      }
    } else {
      this.setDegraded(true);
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  private setDegraded(on: boolean, err?: unknown): void {
    if (on === this.degraded) return;
    this.degraded = on;
    if (on) this.log.warn(`Redis unreachable (${err instanceof Error ? err.message : this.redis.status}): the auth rate limit counts per process until it is back`);
    else this.log.log('Redis reachable again: the auth rate limit is shared across replicas');
  }

  /** The first requests after boot count in Redis too: wait briefly for the connection (not at all when it is down). */
  async onModuleInit(): Promise<void> {
    if (this.redis.status === 'ready') return;
    await new Promise<void>((ok) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        ok();
      };
      const timer = setTimeout(done, 2000);
      this.redis.once('ready', done);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.local.onApplicationShutdown();
    this.redis.disconnect();
  }
}
