import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { ScopeResolvers } from '@yishi/access';
import { AuthGuard } from './auth.guard';
import { RouteCoverageCheck } from './routes';
import { WriteGuardsModule } from './write-guards.module';

/**
 * The permission table's guard on every route (then the write guards), and the start-up check that
 * covers them all.
 */
@Global()
@Module({
  imports: [DiscoveryModule, WriteGuardsModule],
  providers: [ScopeResolvers, RouteCoverageCheck, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [ScopeResolvers],
})
export class AccessModule {}
