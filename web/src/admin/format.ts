import dayjs from 'dayjs';

/** Times are shown in the browser's zone (Asia/Shanghai for our users), to the minute. */
export const formatTime = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const formatDate = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

/** WGS84 coordinates to six decimals (about 0.1 m), without binary noise such as 25.579500000000003. */
export const formatLatLng = (lat: number | null, lng: number | null) => (lat != null && lng != null ? `${+lat.toFixed(6)}, ${+lng.toFixed(6)}` : '—');
