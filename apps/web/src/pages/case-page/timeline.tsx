import { type TimelineItem } from '../../api/types';
import { EVENT_LABELS, formatTime } from '../../labels';
import { eventDetail } from './case-format';
import { Section } from './section';

/** 办理经过: every event of the case, oldest first. */
export function TimelineSection(props: { timeline: TimelineItem[] }) {
  return (
    <Section title="办理经过">
      <ol className="timeline">
        {props.timeline.map((e) => (
          <li key={e.position}>
            <span className="muted">{formatTime(e.occurredAt)}</span>{' '}
            {EVENT_LABELS[e.type] ?? e.type}
            {eventDetail(e)}
          </li>
        ))}
      </ol>
    </Section>
  );
}
