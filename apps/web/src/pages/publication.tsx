import { apiFile, openHtml, saveFile } from '../api/client';
import { type Resolution } from '../api/types';
import { ActionNote, useAction } from '../ui';

/**
 * 公示 (docs/voting.md "Publication"): the published result as a printable page for the notice
 * board (opened in a new window) or a CSV (saved), both fetched with the token. Published at the
 * close: preliminary during the objection period, final after it.
 */
export function Publication(props: { resolution: Resolution }) {
  const r = props.resolution;
  const action = useAction();
  const path = `/resolutions/${r.id}/publication`;
  const html = () => void action.run(() => openHtml(`${path}?format=html`));
  const csv = () =>
    void action.run(async () => {
      const file = await apiFile(`${path}?format=csv`);
      saveFile(file.blob, file.fileName ?? `${r.title}公示.csv`);
    }, '已下载公示 CSV 文件');
  return (
    <section className="card section" aria-label="表决结果公示">
      <h2>表决结果公示{r.phase === 'objection' ? '（初步结果）' : ''}</h2>
      <p className="muted">
        公示只列出户数、面积和表决结果（实名公开表决时列出各户的选择），不含姓名、电话和证件号码。
      </p>
      <div className="row">
        <button type="button" className="button secondary" onClick={html} disabled={action.pending}>
          查看公示（可打印）
        </button>
        <button type="button" className="button secondary" onClick={csv} disabled={action.pending}>
          下载公示 CSV
        </button>
      </div>
      <ActionNote error={action.error} done={action.done} />
    </section>
  );
}
