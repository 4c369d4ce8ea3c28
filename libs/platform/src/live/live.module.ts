import { Module } from '@nestjs/common';
import { PolledStreams } from './polled-stream';

/** The server-sent event streams' bookkeeping, one per process for every module that streams. */
@Module({ providers: [PolledStreams], exports: [PolledStreams] })
export class LiveModule {}
