import { escapeHtml as esc } from '@yishi/platform';
import { type ConsultationArchive } from './archive';
import { archiveDocument, type Block } from './archive-document';

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h2>${esc(b.text)}</h2>`;
    case 'paragraph':
      return `<p${b.tone === undefined ? '' : ` class="${b.tone}"`}>${esc(b.text)}</p>`;
    case 'table':
      return b.rows.length === 0
        ? '<p class="none">无</p>'
        : `<table><thead><tr>${b.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
            .map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`;
  }
}

/** The printable document (A4, Chinese), as HTML: print it from a browser. */
export function renderArchiveHtml(a: ConsultationArchive): string {
  const doc = archiveDocument(a);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title)}：${esc(a.case.title)}</title>
<style>
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 11pt; line-height: 1.6; color: #000; }
h1 { text-align: center; font-size: 18pt; margin-bottom: 0; }
.sub { text-align: center; color: #444; margin-top: 4pt; }
h2 { font-size: 13pt; border-bottom: 1px solid #000; margin-top: 18pt; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0; font-size: 9.5pt; }
th, td { border: 1px solid #666; padding: 3pt 5pt; vertical-align: top; text-align: left; word-break: break-all; }
th { background: #eee; }
tr { break-inside: avoid; }
.none { color: #666; }
.ok { color: #064; font-weight: bold; }
.bad { color: #a00; font-weight: bold; }
</style></head>
<body>
<h1>${esc(doc.title)}</h1>
<p class="sub">${esc(doc.subtitle)}</p>
${doc.blocks.map(block).join('\n')}
</body></html>
`;
}
