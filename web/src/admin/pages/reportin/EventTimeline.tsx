import { Empty, Timeline, Typography } from 'antd';
import { formatTime } from '../../format.js';
import { useI18n } from '../../i18n.js';

export interface TimelineEvent {
  action: string;
  itemId?: string | null;
  toStatus: string;
  actorName: string | null;
  note: string | null;
  at: string;
}

interface Props {
  events: TimelineEvent[];
  /** The words for an action code (unknown codes show as themselves). */
  label(action: string): string;
  /** Actions drawn in red (returns, declines, ends). */
  negative?: readonly string[];
  /** Extra text after the action, e.g. the list item an event concerns. */
  detail?(e: TimelineEvent): string | null;
}

/** A record's own timeline (event rows kept by the feature, oldest first as written): who did what, when, and why. */
export function EventTimeline({ events, label, negative = [], detail }: Props) {
  const { t } = useI18n();
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      data-testid="event-timeline"
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        // Explicit colours: the theme's primary is Party red, which would make every step look like a refusal.
        color: negative.includes(e.action) ? '#C8161D' : i === events.length - 1 ? '#16a34a' : '#3b82f6',
        content: (
          <div>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {formatTime(e.at)}
            </Typography.Text>
            <Typography.Text strong>{label(e.action)}</Typography.Text>
            {detail?.(e) && <Typography.Text style={{ marginInlineStart: 6 }}>{detail(e)}</Typography.Text>}
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {e.actorName ?? t('audit.system')}
            </Typography.Text>
            {e.note && (
              <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>
                {e.note}
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
