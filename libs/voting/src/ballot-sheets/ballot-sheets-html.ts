import { formatChineseTime, type VotingOpened } from '@yishi/domain';
import { escapeHtml as esc } from '@yishi/platform';

/** What one printed sheet shows: the unit (never its owners), the serial and its QR code. */
export interface PrintedSheet {
  readonly serial: string;
  readonly estate: string;
  readonly building: string;
  readonly entrance: string;
  readonly room: string;
  readonly areaText: string;
  /** An SVG document (from the qrcode package) encoding the serial. */
  readonly qrSvg: string;
}

const when = formatChineseTime;

/** The rule, as the sheet explains it to the owner. */
function ruleText(voting: VotingOpened['data']): string {
  if (voting.rule === 'simple-majority')
    return '按简单多数表决：同意票多于反对票即通过（弃权不计）。';
  return voting.matter === 'major'
    ? '按《民法典》第二百七十八条（重大事项）表决：参与表决的业主专有部分面积和人数均须达到三分之二以上，并经参与表决的专有部分面积四分之三以上且参与表决人数四分之三以上的业主同意。'
    : '按《民法典》第二百七十八条（一般事项）表决：参与表决的业主专有部分面积和人数均须达到三分之二以上，并经参与表决的专有部分面积过半数且参与表决人数过半数的业主同意。';
}

/** The QR code's SVG, sized by CSS, without an XML prolog (it is inlined in HTML). */
function inlineSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*>/, '')
    .replace('<svg ', '<svg class="qr" role="img" aria-label="表决票编号二维码" ')
    .trim();
}

/**
 * The printable sheets: one A4 page each (print to paper or PDF from the browser), in Chinese:
 * the resolution's title and text, the rule, the unit, the three choices with boxes, the signature
 * line, and the serial in large monospaced characters beside its QR code. No owner's name, phone
 * or ID number is printed: the sheet names the unit, the owner signs it.
 */
export function renderBallotSheetsHtml(
  voting: VotingOpened['data'],
  sheets: readonly PrintedSheet[],
): string {
  const pages = sheets.map(
    (s) => `<section class="sheet">
<h1>业主表决票</h1>
<p class="sub">请于 ${esc(when(voting.closesAt))} 前交回楼栋长 · 每户一票</p>
<h2>${esc(voting.title)}</h2>
<div class="text">${esc(voting.text)}</div>
<p class="rule">${esc(ruleText(voting))}</p>
<table class="unit"><tr><th>小区</th><td>${esc(s.estate)}</td><th>楼栋</th><td>${esc(s.building)}</td></tr>
<tr><th>单元</th><td>${esc(s.entrance)}</td><th>房号</th><td>${esc(s.room)}</td></tr>
<tr><th>专有部分面积</th><td colspan="3">${esc(s.areaText)} 平方米</td></tr></table>
<p class="how">请在所选意见后的方框内打“✓”，只能选择一项；多选、不选或涂改无法辨认的，视为弃权。</p>
<table class="choices"><tr><td>同意<span class="box"></span></td><td>反对<span class="box"></span></td><td>弃权<span class="box"></span></td></tr></table>
<div class="sign"><p>业主（或受托人）签名：<span class="line"></span></p><p>日期：<span class="line short"></span></p>
<p class="note">受托人签名的，请附业主书面委托书。</p></div>
<div class="serial">${inlineSvg(s.qrSvg)}<div><div class="label">表决票编号（每张只能录入一次）</div><div class="code">${esc(s.serial)}</div></div></div>
</section>`,
  );
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>业主表决票：${esc(voting.title)}</title>
<style>
@page { size: A4; margin: 15mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif; font-size: 11pt; line-height: 1.6; color: #000; margin: 0; }
.sheet { break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
h1 { text-align: center; font-size: 20pt; margin: 0; letter-spacing: 0.3em; }
.sub { text-align: center; color: #333; margin: 2pt 0 8pt; }
h2 { font-size: 14pt; margin: 8pt 0 4pt; }
.text { white-space: pre-wrap; border: 1px solid #999; padding: 6pt 8pt; }
.rule { font-size: 10pt; color: #222; }
table { width: 100%; border-collapse: collapse; margin: 6pt 0; }
.unit th, .unit td { border: 1px solid #666; padding: 3pt 6pt; text-align: left; }
.unit th { background: #eee; width: 18%; font-weight: normal; }
.how { font-size: 10pt; }
.choices td { border: 1px solid #000; text-align: center; font-size: 16pt; padding: 10pt; width: 33%; }
.box { display: inline-block; width: 14pt; height: 14pt; border: 1.5pt solid #000; margin-left: 8pt; vertical-align: -2pt; }
.sign p { margin: 14pt 0 0; }
.line { display: inline-block; width: 60mm; border-bottom: 1px solid #000; }
.line.short { width: 40mm; }
.note { font-size: 9pt; color: #333; }
.serial { display: flex; align-items: center; gap: 8mm; margin-top: 12pt; border-top: 1px dashed #666; padding-top: 8pt; }
.qr { width: 32mm; height: 32mm; }
.label { font-size: 9pt; color: #333; }
.code { font-family: "DejaVu Sans Mono", "Courier New", monospace; font-size: 22pt; font-weight: bold; letter-spacing: 0.08em; }
.empty { text-align: center; margin-top: 40mm; }
</style></head>
<body>
${pages.length === 0 ? '<p class="empty">没有已发放的表决票：请先发放表决票。</p>' : pages.join('\n')}
</body></html>
`;
}
