import { type WhistleListItem } from '../../api/types';
import { formatTime, WHISTLE_STATUS_LABELS } from '../../labels';
import { Link } from '../../router';
import { DueLine } from './deadline';
import { itemDue } from './whistle-rules';

/*
 * Whistles as cards, in the order the API lists them: a department's desk (待签收 first, then by
 * deadline), a demand's or a case's whistles, a community's. Each card says the matter, where it
 * stands, its next deadline (已超时 once past) and leads to the whistle's page.
 */
export function WhistleCards(props: {
  items: WhistleListItem[];
  /** The departments' names, when the list shows whom each whistle is with. */
  departmentName?: (id: string) => string | null;
  /** The community of each whistle (a department works for several). */
  showCommunity?: boolean;
  /** A whistle waiting to be accepted offers 去签收 (a department's desk). */
  toAccept?: boolean;
  /** A whistle answered offers 去评价 (the community's secretary). */
  toRate?: boolean;
  testId?: string;
}) {
  const now = Date.now();
  return (
    <ul className="cards whistle-cards" data-testid={props.testId}>
      {props.items.map((w) => {
        const next =
          props.toAccept === true && w.status === 'issued'
            ? '去签收'
            : props.toRate === true && w.status === 'answered'
              ? '去评价'
              : null;
        const names =
          props.departmentName === undefined
            ? []
            : w.departmentIds.map((id) => props.departmentName?.(id) ?? '部门');
        return (
          <li
            key={w.id}
            className={next === null ? 'card whistle-card' : 'card whistle-card to-do'}
          >
            <Link to={`/whistles/${w.id}`} className="whistle-card-title">
              {w.subject}
            </Link>
            <p>
              <span className={`chip whistle-status status-${w.status}`}>
                {WHISTLE_STATUS_LABELS[w.status]}
              </span>{' '}
              <span className="muted">
                {props.showCommunity === true ? `${w.communityName} · ` : ''}
                {formatTime(w.issuedAt)} 吹哨
              </span>
            </p>
            {names.length === 0 ? null : <p className="muted">派给：{names.join('、')}</p>}
            <DueLine due={itemDue(w)} now={now} />
            {next === null ? null : (
              <Link to={`/whistles/${w.id}`} className="button primary big wide">
                {next}
              </Link>
            )}
          </li>
        );
      })}
    </ul>
  );
}
