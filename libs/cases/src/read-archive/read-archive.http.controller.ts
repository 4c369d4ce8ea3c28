import { Controller, Get, Header, Param, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiConflictResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Can } from '@yishi/access';
import { DOCUMENT_CSP } from '@yishi/platform';
import { type ConsultationArchive } from '../archive/archive';
import { renderArchiveHtml } from '../archive/archive-html';
import { renderArchivePdf } from '../archive/archive-pdf';
import { ReadArchiveQuery } from './read-archive.query';

/** 协商档案 of a closed case: JSON (the whole story, machine-checkable), printable HTML and PDF. */
@ApiTags('cases')
@Controller('cases/:caseId/archive')
export class ArchiveController {
  constructor(private readonly queries: QueryBus) {}

  private archive(caseId: string): Promise<ConsultationArchive> {
    return this.queries.execute(new ReadArchiveQuery(caseId));
  }

  /**
   * Demands, analysis and notice, meetings, resolutions with their tallies and explanations,
   * tasks with evidence (uploads listed with SHA-256), evaluations, every acknowledgement,
   * reminder and escalation with its rating, and every event with its hash and the chain's
   * verification.
   */
  @Get()
  @ApiOperation({ summary: 'the consultation archive (协商档案) of a closed case' })
  @Can('cases.archive')
  @ApiOkResponse({ description: 'the archive as JSON (format yishi-consultation-archive/1)' })
  @ApiConflictResponse({ description: 'WRONG_STAGE: the case is not closed' })
  async json(
    @Param('caseId') caseId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<ConsultationArchive> {
    const archive = await this.archive(caseId);
    res.header(
      'Content-Disposition',
      `inline; filename="archive-${caseId}.json"; filename*=UTF-8''${encodeURIComponent(`协商档案-${archive.case.title}.json`)}`,
    );
    return archive;
  }

  /** The same, as one printable A4 document. */
  @Get('html')
  @ApiOperation({ summary: 'the consultation archive (协商档案) as printable HTML' })
  @Can('cases.archive')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'printable HTML', schema: { type: 'string' } })
  @ApiConflictResponse({ description: 'WRONG_STAGE: the case is not closed' })
  async html(
    @Param('caseId') caseId: string,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<string> {
    const archive = await this.archive(caseId);
    res.header('X-Content-Type-Options', 'nosniff');
    res.header('Content-Security-Policy', DOCUMENT_CSP);
    return renderArchiveHtml(archive);
  }

  /** The same document as a PDF (A4, Noto Sans SC embedded): to file, send or print as it is. */
  @Get('pdf')
  @ApiOperation({ summary: 'the consultation archive (协商档案) as PDF' })
  @Can('cases.archive')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the PDF', schema: { type: 'string', format: 'binary' } })
  @ApiConflictResponse({ description: 'WRONG_STAGE: the case is not closed' })
  async pdf(@Param('caseId') caseId: string): Promise<StreamableFile> {
    const archive = await this.archive(caseId);
    const bytes = await renderArchivePdf(archive);
    return new StreamableFile(bytes, {
      type: 'application/pdf',
      length: bytes.length,
      disposition: `inline; filename="archive-${caseId}.pdf"; filename*=UTF-8''${encodeURIComponent(`协商档案-${archive.case.title}.pdf`)}`,
    });
  }
}
