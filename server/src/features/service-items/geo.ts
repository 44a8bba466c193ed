import { sql, type RawBuilder } from 'kysely';

/** Mean Earth radius (IUGG), metres. Coordinates are WGS84 degrees throughout. */
export const EARTH_RADIUS_M = 6_371_008.8;

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine): accurate to ~0.5% on the WGS84 ellipsoid, plenty for a geofence. */
export function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const a = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The same haversine in SQL, between columns and a point (least() guards asin against rounding above 1). */
export function haversineSql(latColumn: string, lngColumn: string, lat: number, lng: number): RawBuilder<number> {
  const la = sql.ref(latColumn);
  const ln = sql.ref(lngColumn);
  return sql<number>`(2 * ${EARTH_RADIUS_M}::float8 * asin(least(1, sqrt(power(sin(radians(${la} - ${lat}::float8) / 2), 2) + cos(radians(${lat}::float8)) * cos(radians(${la})) * power(sin(radians(${ln} - ${lng}::float8) / 2), 2)))))`;
}

/** Degrees of latitude/longitude spanning `meters` around a latitude: a bounding box to pre-filter before haversine. */
export function boundingBox(lat: number, lng: number, meters: number) {
  const dLat = (meters / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLng = dLat / Math.max(0.01, Math.cos(rad(lat)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}
