import { useNavigate } from 'react-router';
import { useLocale, useT, type Translate } from '../../../../i18n/index.js';
import { CLAIM_STATUS_LABEL, categoryLabel, ITEM_STATUS_LABEL, type ServiceItem } from '../api.js';
import { formatDistance } from '../lib/geo.js';
import { formatWindow } from '../lib/time.js';
import { ClockCircleOutline, EnvironmentOutline } from './icons.js';

/** 剩 3 个名额 · 已满，2 人候补 — said plainly, as the server counts. */
export function placesText(t: Translate, item: Pick<ServiceItem, 'remaining' | 'capacity' | 'waitlistedCount'>): string {
  if (item.remaining > 0) return t('vol.places.left', { n: item.remaining, capacity: item.capacity });
  return item.waitlistedCount > 0 ? t('vol.places.fullWaiting', { n: item.waitlistedCount }) : t('vol.places.full');
}

/** One service in a list: what, when, where (and how far), places, and my claim if any. */
export function ItemCard({ item, showStatus }: { item: ServiceItem; showStatus?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const navigate = useNavigate();
  const full = item.remaining <= 0;
  return (
    <button type="button" className="vol-item" onClick={() => navigate(`/services/${item.id}`)} data-testid="service-item">
      <span className="vol-item-top">
        <span className="vol-tag vol-tag--cat">{t(categoryLabel(item.category))}</span>
        {showStatus && item.status !== 'published' && <span className="vol-tag vol-tag--muted">{t(ITEM_STATUS_LABEL[item.status])}</span>}
        {item.myClaimStatus && <span className={`vol-tag vol-tag--${item.myClaimStatus}`}>{t(CLAIM_STATUS_LABEL[item.myClaimStatus])}</span>}
      </span>
      <span className="vol-item-title">{item.title}</span>
      <span className="vol-item-line">
        <ClockCircleOutline className="vol-item-icon" />
        <span>{formatWindow(item.startsAt, item.endsAt, locale, t)}</span>
      </span>
      <span className="vol-item-line">
        <EnvironmentOutline className="vol-item-icon" />
        <span className="vol-item-place">
          {item.placeName}
          <span className="vol-weak"> · {item.communityName}</span>
        </span>
        {item.distanceM !== undefined && <span className="vol-item-distance">{formatDistance(t, item.distanceM)}</span>}
      </span>
      <span className="vol-item-foot">
        <span className={full ? 'vol-places vol-places--full' : 'vol-places'}>{placesText(t, item)}</span>
        {item.pointsPerHour !== null && item.pointsPerHour > 0 && <span className="vol-points-hint">{t('vol.pointsPerHourShort', { n: item.pointsPerHour })}</span>}
      </span>
    </button>
  );
}
