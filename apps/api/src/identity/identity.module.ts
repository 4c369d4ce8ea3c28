import { Global, Module } from '@nestjs/common';
import { type Pool } from 'pg';
import { type AppConfig, APP_CONFIG } from '@yishi/config';
import { Authenticator, loadTokenSecret, LoginThrottle } from '@yishi/identity';
import { PG_POOL } from '@yishi/platform';
import { AuthController } from './auth.controller';
import { MeController } from './me.controller';
import { UsersController } from './users.controller';

@Global()
@Module({
  controllers: [AuthController, MeController, UsersController],
  providers: [
    {
      provide: Authenticator,
      inject: [PG_POOL, APP_CONFIG],
      useFactory: async (pool: Pool, config: AppConfig) =>
        new Authenticator(
          pool,
          new LoginThrottle(pool, {
            lockAfterFailures: config.authLockAfterFailures,
            lockSeconds: config.authLockSeconds,
            slowdownMs: config.authSlowdownMs,
          }),
          await loadTokenSecret(config.authTokenSecret, config.dataDir),
          config.accessTokenTtlSeconds,
        ),
    },
  ],
  exports: [Authenticator],
})
export class IdentityModule {}
