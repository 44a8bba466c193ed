import { useState } from 'react';
import { Col, Row, Typography } from 'antd';
import type { AuditEntry } from '../api-types.js';
import { useI18n } from '../i18n.js';

const json = (v: unknown) => JSON.stringify(v, null, 2);

/** The before/after of an audit entry, side by side; `compact` hides them behind a link. */
export function AuditChange({ entry, compact = false }: { entry: AuditEntry; compact?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(!compact);
  if (entry.before == null && entry.after == null) return null;
  if (!open) {
    return (
      <div>
        <Typography.Link style={{ fontSize: 12 }} onClick={() => setOpen(true)}>
          {t('audit.showChange')}
        </Typography.Link>
      </div>
    );
  }
  // A creation has no "before" and a deletion no "after": show only the side that exists.
  const sides = [
    { key: 'before', label: t('audit.before'), value: entry.before },
    { key: 'after', label: t('audit.after'), value: entry.after },
  ].filter((side) => side.value != null);
  return (
    <Row gutter={12} style={{ marginTop: 6 }}>
      {sides.map((side) => (
        <Col key={side.key} span={24 / sides.length}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {side.label}
          </Typography.Text>
          <pre className="linli-timeline-json">{json(side.value)}</pre>
        </Col>
      ))}
    </Row>
  );
}
