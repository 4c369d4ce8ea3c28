import { type FormEvent, type ReactNode, useState } from 'react';
import { apiFile, saveFile } from '../api/client';
import { DateField } from '../date-field';
import { ActionNote, useAction } from '../ui';

/*
 * What the statistics page and the street's dashboard share: the page head with its CSV export,
 * the date-range form, and the range as the stats routes' query.
 */

/** A chosen day as the instant it starts in China Standard Time, ISO; '' is no bound. */
const dayStart = (day: string): string | null =>
  day === '' ? null : new Date(`${day}T00:00:00+08:00`).toISOString();

export interface Range {
  from: string;
  to: string;
  /** One estate (小区), or '' for the whole community. */
  estate: string;
}

/** The range as the stats routes' query: `?from&to` (CST days, `to` inclusive) and the estate. */
export const query = (range: Range): string => {
  const params = new URLSearchParams();
  const from = dayStart(range.from);
  // "To" is inclusive for people: the cohort ends at the start of the next day.
  const to =
    range.to === '' ? null : new Date(Date.parse(`${range.to}T00:00:00+08:00`) + 86_400_000);
  if (from !== null) params.set('from', from);
  if (to !== null) params.set('to', to.toISOString());
  if (range.estate !== '') params.set('estate', range.estate);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
};

const NO_RANGE: Range = { from: '', to: '', estate: '' };

/**
 * The range being typed (`draft`) and the one asked for (`range`, set on submit), and the CSV
 * export of the figures for that range: `exportPath` is the export route before its query, fetched
 * with the token and saved as the server names it, or as `fileName`.
 */
export function useStatsRange(exportPath: string, fileName: string) {
  const [draft, setDraft] = useState<Range>(NO_RANGE);
  const [range, setRange] = useState<Range>(NO_RANGE);
  const exporting = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRange(draft);
  };
  const exportCsv = () =>
    void exporting.run(async () => {
      const file = await apiFile(`${exportPath}${query(range)}`);
      saveFile(file.blob, file.fileName ?? fileName);
    }, '已导出 CSV 文件');
  return { draft, setDraft, range, submit, exporting, exportCsv };
}

type StatsRange = ReturnType<typeof useStatsRange>;

/** The page's title with the 导出 CSV button, and what the export came to. */
export function StatsHead(props: { title: string; stats: StatsRange }) {
  const { exporting, exportCsv } = props.stats;
  return (
    <>
      <div className="page-head">
        <h1>{props.title}</h1>
        <button
          type="button"
          className="button secondary"
          disabled={exporting.pending}
          onClick={exportCsv}
        >
          导出 CSV
        </button>
      </div>
      <ActionNote error={exporting.error} done={exporting.done} />
    </>
  );
}

/**
 * The range form: `lead` before the note on what the dates count by, the two dates (the first
 * labelled `fromLabel`), then `children`, then 查询.
 */
export function StatsRangeForm(props: {
  stats: StatsRange;
  note: string;
  fromLabel: string;
  lead?: ReactNode;
  children?: ReactNode;
}) {
  const { draft, setDraft, submit } = props.stats;
  return (
    <form className="form card section" onSubmit={submit} aria-label="统计范围">
      {props.lead}
      <p className="muted">{props.note}</p>
      <div className="row">
        <DateField
          label={props.fromLabel}
          value={draft.from}
          onChange={(from) => setDraft((d) => ({ ...d, from }))}
        />
        <DateField label="到" value={draft.to} onChange={(to) => setDraft((d) => ({ ...d, to }))} />
      </div>
      {props.children}
      <button type="submit" className="button primary">
        查询
      </button>
    </form>
  );
}
