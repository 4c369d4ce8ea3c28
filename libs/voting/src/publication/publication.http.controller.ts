import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Can } from '@yishi/access';
import { DOCUMENT_CSP } from '@yishi/platform';
import { ValidationError } from '@yishi/domain';
import { QueryBus } from '@nestjs/cqrs';
import { publicationCsv, publicationHtml, type Publication } from './publication';
import { PublicationQuery } from './publication.query';
import { PublicationView } from '../voting.dto';

/**
 * The publication (公示) of a vote's result, preliminary (during the objection period) or final.
 * Totals always; each unit's room, area and choice only where the community votes openly (实名);
 * never a name, a phone number, an ID number or a user id.
 */
@ApiTags('voting')
@Controller('resolutions/:resolutionId')
export class PublicationController {
  constructor(private readonly queries: QueryBus) {}

  @Get('publication')
  @ApiOperation({ summary: 'the published result (公示), as JSON or printable HTML' })
  @Can('resolutions.publication')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'html'] })
  @ApiProduces('application/json', 'text/csv', 'text/html')
  @ApiOkResponse({ type: PublicationView })
  @ApiConflictResponse({ description: 'WRONG_STAGE: nothing published yet, or the vote cancelled' })
  async read(
    @Param('resolutionId') resolutionId: string,
    @Query('format') format: unknown,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<Publication | string> {
    if (format !== undefined && format !== 'json' && format !== 'csv' && format !== 'html') {
      throw new ValidationError('format 须为 json、csv 或 html', {
        fields: [{ field: 'format', problems: ['须为 json、csv 或 html'] }],
      });
    }
    const publication = await this.queries.execute(new PublicationQuery(resolutionId));
    if (format === 'csv') return this.csv(publication, res);
    if (format === 'html') {
      res.header('Content-Type', 'text/html; charset=utf-8');
      res.header('Content-Security-Policy', DOCUMENT_CSP);
      return publicationHtml(publication);
    }
    return publication;
  }

  /** The same as CSV (UTF-8 with BOM, Chinese headers). */
  @Get('publication.csv')
  @ApiOperation({ summary: 'the published result (公示) as a CSV file' })
  @Can('resolutions.publication')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, UTF-8 with BOM', schema: { type: 'string' } })
  async csvFile(
    @Param('resolutionId') resolutionId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    return this.csv(await this.queries.execute(new PublicationQuery(resolutionId)), res);
  }

  private csv(publication: Publication, res: FastifyReply): string {
    res.header('Content-Type', 'text/csv; charset=utf-8');
    res.header(
      'Content-Disposition',
      `attachment; filename="publication.csv"; filename*=UTF-8''${encodeURIComponent(`${publication.title}表决结果公示.csv`)}`,
    );
    return publicationCsv(publication);
  }
}
