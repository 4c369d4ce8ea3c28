import { Redis } from 'ioredis';

/** Unlinks every key matching `pattern` (SCAN, so a large Redis is never blocked). */
export async function unlinkMatching(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Unlinks every key matching `pattern` on the Redis at `redisUrl`, on a connection of its own. */
export async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    await unlinkMatching(redis, pattern);
  } finally {
    redis.disconnect();
  }
}

/** A bench's or test run's BullMQ keys (`<prefix>:*`), once it is done: runs do not pile up. */
export function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  return deleteKeys(redisUrl, `${prefix}:*`);
}
