import { apiFile, openHtml, saveFile } from '../../api/client';
import { ActionNote, useAction } from '../../ui';

/**
 * 协商档案 of a closed case (GET /cases/:id/archive/html and …/pdf, docs/workflow.md): the
 * printable page opened in a new window, the PDF saved. Both are fetched with the token, which a
 * plain link cannot send.
 */
export function ArchiveLinks(props: { caseId: string; title: string }) {
  const action = useAction();
  const path = `/cases/${props.caseId}/archive`;
  const html = () => void action.run(() => openHtml(`${path}/html`));
  const pdf = () =>
    void action.run(async () => {
      const file = await apiFile(`${path}/pdf`);
      saveFile(file.blob, file.fileName ?? `协商档案-${props.title}.pdf`);
    }, '已下载协商档案 PDF');
  return (
    <section className="card section" aria-label="协商档案">
      <h2>协商档案</h2>
      <p className="muted">
        案件的全过程记录：诉求、研判、议事、表决、落实与评价，以及事件哈希校验。
      </p>
      <div className="row">
        <button type="button" className="button secondary" onClick={html} disabled={action.pending}>
          查看协商档案（网页，可打印）
        </button>
        <button type="button" className="button secondary" onClick={pdf} disabled={action.pending}>
          下载协商档案 PDF
        </button>
      </div>
      <ActionNote error={action.error} done={action.done} />
    </section>
  );
}
