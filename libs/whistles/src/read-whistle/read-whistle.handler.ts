import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { WhistleQueries } from '../whistle-queries';
import { type WhistleDetailView } from '../whistles.dto';
import { ReadWhistleQuery } from './read-whistle.query';

@QueryHandler(ReadWhistleQuery)
export class ReadWhistleHandler implements IQueryHandler<ReadWhistleQuery, WhistleDetailView> {
  constructor(private readonly whistles: WhistleQueries) {}

  execute({ whistleId, minVersion }: ReadWhistleQuery): Promise<WhistleDetailView> {
    return this.whistles.read(whistleId, minVersion);
  }
}
