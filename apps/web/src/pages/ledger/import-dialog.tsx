import { type ChangeEvent, useState } from 'react';
import { api } from '../../api/client';
import { type HotlineImport } from '../../api/types';
import { ActionNote, useAction } from '../../ui';
import { Dialog } from './dialog';
import { detailedErrorText } from '../demand-words';
import { readOwnWrite } from './read-own-write';

/** A file's type for the API: by its name, since Windows calls a .csv `application/vnd.ms-excel`. */
function bodyOf(file: File): Blob {
  const json = /\.json$/i.test(file.name) || file.type === 'application/json';
  return new Blob([file], { type: json ? 'application/json' : 'text/csv' });
}

/**
 * 导入12345工单: the hotline's export (CSV in UTF-8, or JSON) sent as it is to
 * POST /communities/:id/demands/import; the answer says how many became demands, how many were
 * there already (a ticket is one demand however often it is imported), and which addresses
 * matched no building (those demands go to the community, with no grid). A bad row refuses the
 * whole file, and the API's message names the rows.
 */
export function ImportDialog(props: {
  communityId: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const action = useAction(detailedErrorText);
  const [result, setResult] = useState<{ file: string; answer: HotlineImport } | null>(null);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file === undefined) return;
    setResult(null);
    void action.run(async () => {
      const answer = await api<HotlineImport>(`/communities/${props.communityId}/demands/import`, {
        method: 'POST',
        raw: bodyOf(file),
      });
      const last = answer.demands.at(-1);
      if (last !== undefined) await readOwnWrite(last.id, 1);
      setResult({ file: file.name, answer });
      props.onImported();
    });
  };

  return (
    <Dialog title="导入12345工单" onClose={props.onClose}>
      <div className="form">
        <p>
          请从 12345 热线系统导出工单，另存为“CSV UTF-8”或 JSON
          文件后选择。表头须有：工单编号、受理时间、诉求内容、诉求类别、地址，可加办理时限。
        </p>
        <p className="muted">
          同一工单导入多次只登记一次；有一行填写有误，整个文件都不会导入，请按提示改正后再选。
        </p>
        <label className="button primary file-button">
          {action.pending ? '正在导入…' : '选择工单文件'}
          <input
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={choose}
            disabled={action.pending}
          />
        </label>
        <ActionNote error={action.error} done={null} />
        {result === null ? null : <ImportResult file={result.file} answer={result.answer} />}
        <div className="row">
          <button type="button" className="button secondary" onClick={props.onClose}>
            {result === null ? '取消' : '完成'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

function ImportResult(props: { file: string; answer: HotlineImport }) {
  const { imported, duplicates, unmatched } = props.answer;
  return (
    <div className="note note-done" role="status" data-testid="import-result">
      <p>
        {props.file}：新登记 {imported} 件，已导入过 {duplicates} 件（不重复登记），
        {unmatched.length} 件地址没有匹配到楼栋。
      </p>
      {unmatched.length === 0 ? null : (
        <>
          <p>这些工单已登记，交社区（未划网格）处理，请核实地址后派单：</p>
          <ul>
            {unmatched.map((t) => (
              <li key={t.ticketNumber}>
                工单 {t.ticketNumber}：{t.address}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
