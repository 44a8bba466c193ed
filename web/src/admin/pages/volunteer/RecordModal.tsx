import { Alert, Button, Descriptions, Empty, Image, Modal, Space, Spin, Tag, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import { formatLatLng, formatTime } from '../../format.js';
import { recordStatusLabel, sourceLabel } from './labels.js';
import { RECORD_COLOR } from './types.js';
import type { Certify } from './useCertify.js';

/** One service record: times, minutes (actual vs credited), source, certification, and the evidence of a 补录. */
export function RecordModal({ id, itemTitle, certify, onClose }: { id: string | null; itemTitle?: string; certify: Certify; onClose(): void }) {
  const { t, locale } = useI18n();
  const detail = useLoad(id, () => call(api.GET('/api/v1/service-records/{id}', { params: { path: { id: id! } } })));
  const r = detail.data;
  return (
    <Modal
      open={id !== null}
      onCancel={onClose}
      width={640}
      title={r ? (itemTitle ? `${r.userName} · ${itemTitle}` : r.userName) : '…'}
      footer={
        r?.status === 'pending' ? (
          <Space>
            <Button danger onClick={() => (certify.decline({ id: r.id, userName: r.userName }), onClose())}>
              {t('vol.cert.decline')}
            </Button>
            <Button type="primary" loading={certify.busy === r.id} onClick={() => void certify.approve(r.id).then(onClose)}>
              {t('vol.cert.approve')}
            </Button>
          </Space>
        ) : null
      }
    >
      {detail.error != null ? (
        <Alert type="error" showIcon title={errorText(detail.error, t)} />
      ) : !r ? (
        <Spin style={{ display: 'block', margin: '40px auto' }} />
      ) : (
        <>
          <Descriptions
            bordered
            size="small"
            column={2}
            items={[
              { key: 'status', label: t('vol.recordStatus'), children: <Tag color={RECORD_COLOR[r.status]}>{recordStatusLabel(r.status, locale)}</Tag> },
              { key: 'source', label: t('vol.source'), children: sourceLabel(r.source, locale) },
              { key: 'in', label: t('vol.checkIn'), children: formatTime(r.checkInAt) },
              { key: 'out', label: t('vol.checkOut'), children: <>{formatTime(r.checkOutAt)} {r.autoCheckedOut && <Tag color="orange">{t('vol.autoCheckedOut')}</Tag>}</> },
              { key: 'planned', label: t('vol.plannedMinutes'), children: r.plannedMinutes },
              { key: 'actual', label: t('vol.actualMinutes'), children: r.actualMinutes ?? '—' },
              { key: 'credited', label: t('vol.creditedMinutes'), span: 2, children: <>{r.creditedMinutes ?? '—'} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('vol.creditedHelp')}</Typography.Text></> },
              { key: 'day', label: t('vol.serviceDay'), children: r.serviceDay },
              { key: 'certified', label: t('vol.certifiedAt'), children: formatTime(r.certifiedAt) },
              { key: 'note', label: t('vol.entry.note'), span: 2, children: r.note ?? '—' },
              ...(r.declineReason ? [{ key: 'decline', label: t('vol.cert.declineReason'), span: 2, children: r.declineReason }] : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('vol.entry.evidence')}
          </Typography.Title>
          {r.evidence.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vol.entry.noEvidence')} />
          ) : (
            <Image.PreviewGroup>
              <Space wrap>
                {r.evidence.map((f) => (
                  <div key={f.id} style={{ width: 132 }}>
                    {f.mime.startsWith('image/') ? (
                      <Image src={f.contentUrl} width={132} height={132} style={{ objectFit: 'cover' }} alt={f.originalName ?? ''} />
                    ) : (
                      <Typography.Link href={f.contentUrl} target="_blank">
                        {f.originalName ?? f.id}
                      </Typography.Link>
                    )}
                    {/* The photo's own time and place (EXIF) are the evidence; say when there are none. */}
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 11 }}>
                      {f.exifTakenAt ? t('vol.entry.takenAt', { at: formatTime(f.exifTakenAt) }) : t('vol.entry.noExifTime')}
                      {f.exifLat != null && f.exifLng != null && <br />}
                      {f.exifLat != null && f.exifLng != null && formatLatLng(f.exifLat, f.exifLng)}
                    </Typography.Text>
                  </div>
                ))}
              </Space>
            </Image.PreviewGroup>
          )}
        </>
      )}
    </Modal>
  );
}
