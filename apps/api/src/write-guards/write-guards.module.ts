import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { WriteGuardInterceptor } from './write-guard.interceptor';

/** Rate limits and Idempotency-Key on every write of the API. */
@Module({
  providers: [{ provide: APP_INTERCEPTOR, useClass: WriteGuardInterceptor }],
})
export class WriteGuardsModule {}
