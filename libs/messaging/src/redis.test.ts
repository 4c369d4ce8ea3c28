import net from 'node:net';
import { createRedisConnection } from './redis';

describe('createRedisConnection: a Redis that does not answer', () => {
  it('says so in the log, once per interval, naming the connection', async () => {
    // A port nothing listens on: every reconnect attempt fails.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = server.address() as net.AddressInfo;
        server.close(() => resolve(p));
      });
    });
    const warnings: { fields: Record<string, unknown>; message: string }[] = [];
    const redis = createRedisConnection(`redis://127.0.0.1:${port}`, 'producer', 'yishi-test', {
      warn: (fields, message) => warnings.push({ fields, message }),
    });
    try {
      await expect(redis.ping()).rejects.toThrow();
      // Reconnects every 200 ms to 2 s meanwhile, each one failing: one line, not one per attempt.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({
        message: 'Redis: connection error',
        fields: { connection: 'yishi-test' },
      });
    } finally {
      redis.disconnect();
    }
  });
});
