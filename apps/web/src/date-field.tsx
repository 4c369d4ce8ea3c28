import { useEffect, useId, useState } from 'react';

/**
 * A calendar date picked as 年 / 月 / 日 (three selects), shown in Chinese form whatever the
 * browser's language: a native `<input type="date">` follows the browser's locale, so an
 * English-language phone showed `mm/dd/yyyy` on a Chinese page (issue 19). The value is
 * `YYYY-MM-DD` once all three are chosen, '' otherwise.
 */
export function DateField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The first year offered (default 2015); the last is next year. */
  firstYear?: number;
}) {
  const id = useId();
  const [year, setYear] = useState('');
  const [month, setMonth] = useState('');
  const [day, setDay] = useState('');
  // Follow the value set from outside (a reset), keeping a half-chosen date while it is ''.
  useEffect(() => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(props.value);
    if (m === null) return;
    setYear(String(Number(m[1])));
    setMonth(String(Number(m[2])));
    setDay(String(Number(m[3])));
  }, [props.value]);

  const lastYear = new Date().getFullYear() + 1;
  const years: number[] = [];
  for (let y = lastYear; y >= (props.firstYear ?? 2015); y--) years.push(y);
  const days =
    year === '' || month === ''
      ? 31
      : new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();

  const change = (next: { year: string; month: string; day: string }) => {
    // A day past the month's end (31 → February) becomes its last day.
    const max =
      next.year === '' || next.month === ''
        ? 31
        : new Date(Date.UTC(Number(next.year), Number(next.month), 0)).getUTCDate();
    const d = next.day !== '' && Number(next.day) > max ? String(max) : next.day;
    setYear(next.year);
    setMonth(next.month);
    setDay(d);
    const pad = (s: string) => s.padStart(2, '0');
    props.onChange(
      next.year === '' || next.month === '' || d === ''
        ? ''
        : `${next.year}-${pad(next.month)}-${pad(d)}`,
    );
  };
  const clear = () => change({ year: '', month: '', day: '' });

  return (
    <fieldset className="date-field" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>{props.label}</legend>
      <div className="date-parts">
        <select
          aria-label={`${props.label}：年`}
          value={year}
          onChange={(e) => change({ year: e.target.value, month, day })}
        >
          <option value="">年</option>
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}年
            </option>
          ))}
        </select>
        <select
          aria-label={`${props.label}：月`}
          value={month}
          onChange={(e) => change({ year, month: e.target.value, day })}
        >
          <option value="">月</option>
          {Array.from({ length: 12 }, (_, i) => (
            <option key={i + 1} value={String(i + 1)}>
              {i + 1}月
            </option>
          ))}
        </select>
        <select
          aria-label={`${props.label}：日`}
          value={day}
          onChange={(e) => change({ year, month, day: e.target.value })}
        >
          <option value="">日</option>
          {Array.from({ length: days }, (_, i) => (
            <option key={i + 1} value={String(i + 1)}>
              {i + 1}日
            </option>
          ))}
        </select>
        {year === '' && month === '' && day === '' ? null : (
          <button type="button" className="link-button" onClick={clear}>
            清除
          </button>
        )}
      </div>
    </fieldset>
  );
}
