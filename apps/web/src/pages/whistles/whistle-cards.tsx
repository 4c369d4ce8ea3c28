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
  testId?: string;
}) {
  const now = Date.now();
  return (
    <ul className="cards whistle-cards" data-testid={props.testId}>
      {props.items.map((w) => {
        const waiting = props.toAccept === true && w.status === 'issued';
        const names =
          props.departmentName === undefined
            ? []
            : w.departmentIds.map((id) => props.departmentName?.(id) ?? '部门');
        return (
          <li key={w.id} className={waiting ? 'card whistle-card to-accept' : 'card whistle-card'}>
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
            {waiting ? (
              <Link to={`/whistles/${w.id}`} className="button primary big wide">
                去签收
              </Link>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
