import { Module } from '@nestjs/common';
import { WriteGuard } from './write-guard';

/** Rate limits and Idempotency-Key on every write of the API (run by the AuthGuard, last). */
@Module({
  providers: [WriteGuard],
  exports: [WriteGuard],
})
export class WriteGuardsModule {}
