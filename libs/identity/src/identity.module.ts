import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { type Pool } from 'pg';
import { type AppConfig, APP_CONFIG } from '@yishi/config';
import { PG_POOL } from '@yishi/platform';
import { AccessTokens } from './access-tokens';
import { AccountQueries } from './account.queries';
import { ChangePasswordHandler } from './change-password/change-password.handler';
import { ChangePasswordHttpController } from './change-password/change-password.http.controller';
import { CreateUserHandler } from './create-user/create-user.handler';
import { CreateUserHttpController } from './create-user/create-user.http.controller';
import { DisableUserHandler } from './disable-user/disable-user.handler';
import { DisableUserHttpController } from './disable-user/disable-user.http.controller';
import { EnableUserHandler } from './enable-user/enable-user.handler';
import { EnableUserHttpController } from './enable-user/enable-user.http.controller';
import { GetMeHandler } from './get-me/get-me.handler';
import { GetMeHttpController } from './get-me/get-me.http.controller';
import { LoginHandler } from './login/login.handler';
import { LoginHttpController } from './login/login.http.controller';
import { LoginThrottle } from './login-throttle';
import { LogoutHandler } from './logout/logout.handler';
import { LogoutHttpController } from './logout/logout.http.controller';
import { loadTokenSecret } from './secret';
import { UserRepository } from './user.repository';

/**
 * Accounts and access tokens: login, logout, password change, the caller's account, creating,
 * disabling and enabling accounts. Global for the guard, which verifies tokens with AccessTokens. Controllers in the order of the OpenAPI document.
 */
@Global()
@Module({
  imports: [CqrsModule],
  controllers: [
    LoginHttpController,
    LogoutHttpController,
    GetMeHttpController,
    ChangePasswordHttpController,
    CreateUserHttpController,
    DisableUserHttpController,
    EnableUserHttpController,
  ],
  providers: [
    UserRepository,
    AccountQueries,
    {
      provide: AccessTokens,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) =>
        new AccessTokens(
          await loadTokenSecret(config.authTokenSecret, config.dataDir),
          config.accessTokenTtlSeconds,
        ),
    },
    {
      provide: LoginThrottle,
      inject: [PG_POOL, APP_CONFIG],
      useFactory: (pool: Pool, config: AppConfig) =>
        new LoginThrottle(pool, {
          lockAfterFailures: config.authLockAfterFailures,
          lockSeconds: config.authLockSeconds,
          slowdownMs: config.authSlowdownMs,
        }),
    },
    LoginHandler,
    LogoutHandler,
    ChangePasswordHandler,
    GetMeHandler,
    CreateUserHandler,
    DisableUserHandler,
    EnableUserHandler,
  ],
  exports: [AccessTokens],
})
export class IdentityModule {}
