import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { type ConsultationArchive } from './archive';
import { archiveDocument, type Block } from './archive-document';

/*
 * The 协商档案 as a PDF (A4), from the same document as the HTML. The CJK font is Noto Sans SC
 * (SIL Open Font License), shipped from npm in `@expo-google-fonts/noto-sans-sc`; PDFKit embeds only
 * the glyphs a document uses, so an archive is tens of kilobytes, and the text stays selectable and
 * searchable (a ToUnicode map is embedded).
 */

const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
let fonts: { regular: Buffer; bold: Buffer } | undefined;

/** Both faces, read once per process (about 10 MB each). */
function cjkFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= {
    regular: readFileSync(require.resolve(`${FONT_PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`)),
    bold: readFileSync(require.resolve(`${FONT_PACKAGE}/700Bold/NotoSansSC_700Bold.ttf`)),
  };
  return fonts;
}

const MARGIN = 45;
const TONES = { ok: '#006644', bad: '#aa0000' } as const;

function drawBlock(doc: PDFKit.PDFDocument, b: Block, width: number): void {
  switch (b.kind) {
    case 'heading':
      doc.moveDown(0.8).font('bold').fontSize(13).fillColor('#000000').text(b.text);
      doc
        .moveTo(MARGIN, doc.y)
        .lineTo(MARGIN + width, doc.y)
        .lineWidth(0.8)
        .stroke('#000000');
      doc.moveDown(0.4);
      return;
    case 'paragraph':
      doc
        .font(b.tone === undefined ? 'regular' : 'bold')
        .fontSize(10.5)
        .fillColor(b.tone === undefined ? '#000000' : TONES[b.tone])
        .text(b.text, { width, lineGap: 2 });
      doc.fillColor('#000000').moveDown(0.3);
      return;
    case 'table': {
      if (b.rows.length === 0) {
        doc.font('regular').fontSize(10).fillColor('#666666').text('无');
        doc.fillColor('#000000').moveDown(0.3);
        return;
      }
      const weights = b.widths ?? b.head.map(() => 1);
      const total = weights.reduce((x, y) => x + y, 0);
      drawTable(
        doc,
        b.head,
        b.rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c)))),
        weights.map((w) => (width * w) / total),
      );
      doc.moveDown(0.5);
      return;
    }
  }
}

const PAD = 3;

/**
 * A ruled table, drawn row by row: each row as tall as its tallest cell, a row that does not fit
 * starts a new page, and the header row is repeated there. (PDFKit's own `table` lays out about
 * 75 ms per row; this is well under 1 ms.)
 */
function drawTable(
  doc: PDFKit.PDFDocument,
  head: readonly string[],
  rows: readonly (readonly string[])[],
  columns: readonly number[],
): void {
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const row = (cells: readonly string[], header: boolean): void => {
    doc.font(header ? 'bold' : 'regular').fontSize(8.5);
    const height =
      Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]! - 2 * PAD }))) +
      2 * PAD;
    if (doc.y + height > bottom() && doc.y > doc.page.margins.top) {
      doc.addPage();
      if (!header) row(head, true);
      doc.font(header ? 'bold' : 'regular').fontSize(8.5);
    }
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const w = columns[i]!;
      if (header) doc.rect(x, top, w, height).fill('#eeeeee');
      doc.rect(x, top, w, height).lineWidth(0.5).stroke('#666666');
      doc.fillColor('#000000').text(cell, x + PAD, top + PAD, { width: w - 2 * PAD });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = top + height;
  };
  row(head, true);
  for (const r of rows) row(r, false);
}

/** The printable document (A4, Chinese) as PDF bytes. */
export function renderArchivePdf(a: ConsultationArchive): Promise<Buffer> {
  const model = archiveDocument(a);
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `${model.title}：${a.case.title}`,
      Subject: model.subtitle,
      Creator: '议事 Yishi',
      CreationDate: new Date(a.generatedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = cjkFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(18).text(model.title, { align: 'center' });
  doc.font('regular').fontSize(9.5).fillColor('#444444').text(model.subtitle, { align: 'center' });
  doc.fillColor('#000000');
  for (const b of model.blocks) drawBlock(doc, b, width);
  doc.end();
  return done;
}
