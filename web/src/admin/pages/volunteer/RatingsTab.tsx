import { Alert, Button, Col, Empty, List, Progress, Rate, Row, Spin, Statistic, Typography } from 'antd';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useLoad } from '../../hooks/useLoad.js';
import { useI18n } from '../../i18n.js';
import { formatTime } from '../../format.js';

/** 评价: what the residents served thought of the service — average, distribution, the latest comments (anonymous). */
export function RatingsTab({ itemId }: { itemId: string }) {
  const { t } = useI18n();
  const ratings = useLoad(itemId, () => call(api.GET('/api/v1/service-items/{id}/ratings', { params: { path: { id: itemId } } })));
  const r = ratings.data;
  if (ratings.error) return <Alert type="error" showIcon title={errorText(ratings.error, t)} action={<Button size="small" onClick={ratings.reload}>{t('common.retry')}</Button>} />;
  if (!r) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (r.count === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('vol.ratings.none')} />;
  const scores = [5, 4, 3, 2, 1] as const;
  return (
    <>
      <Row gutter={24} align="middle">
        <Col span={8}>
          <Statistic title={t('vol.ratings.average')} value={r.average ?? '—'} precision={1} suffix="/ 5" />
          <Rate disabled allowHalf value={Math.round((r.average ?? 0) * 2) / 2} style={{ fontSize: 16 }} />
          <div>
            <Typography.Text type="secondary">{t('vol.ratings.count', { n: r.count })}</Typography.Text>
          </div>
        </Col>
        <Col span={16}>
          {scores.map((s) => (
            <div key={s} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <span style={{ width: 40 }}>{t('vol.ratings.stars', { n: s })}</span>
              <Progress percent={Math.round((r.histogram[s] / r.count) * 100)} size="small" strokeColor="#fadb14" style={{ flex: 1, margin: 0 }} format={() => r.histogram[s]} />
            </div>
          ))}
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('vol.ratings.recent')}
      </Typography.Title>
      <List
        size="small"
        dataSource={r.recent}
        renderItem={(x) => (
          <List.Item>
            <List.Item.Meta title={<Rate disabled value={x.score} style={{ fontSize: 12 }} />} description={x.comment || t('vol.ratings.noComment')} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(x.createdAt)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </>
  );
}
