import type { MessageKey, Translate } from '../../../../i18n/index.js';

/** A device position (WGS84, as browsers give it — the datum the server expects). */
export interface Position {
  lat: number;
  lng: number;
  /** metres, 95 % radius as reported by the device */
  accuracy: number;
}

export type GeoFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export class GeoError extends Error {
  constructor(readonly reason: GeoFailure) {
    super(reason);
  }
}

/** What to tell the person for each failure. */
export const GEO_MESSAGES: Record<GeoFailure, MessageKey> = {
  unsupported: 'vol.geo.unsupported',
  denied: 'vol.geo.denied',
  unavailable: 'vol.geo.unavailable',
  timeout: 'vol.geo.timeout',
};

/**
 * The device position, or a GeoError saying why not. Geolocation needs a secure origin (HTTPS) and the person's
 * permission; indoors a fix can be slow, hence the generous timeout and accepting a fix up to `maxAgeMs` old.
 */
export function getPosition({ timeoutMs = 15_000, maxAgeMs = 30_000 } = {}): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator) || !window.isSecureContext) return reject(new GeoError('unsupported'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, accuracy: p.coords.accuracy }),
      (e) => reject(new GeoError(e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable')),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: maxAgeMs },
    );
  });
}

/** True when the person already allowed location for this site (so asking shows no prompt). */
export async function locationAllowed(): Promise<boolean> {
  try {
    const status = await navigator.permissions?.query({ name: 'geolocation' });
    return status?.state === 'granted';
  } catch {
    return false;
  }
}

export function geoErrorText(t: Translate, error: unknown): string {
  return t(error instanceof GeoError ? GEO_MESSAGES[error.reason] : 'vol.geo.unavailable');
}

/** Great-circle distance in metres (the server's geofence uses the same formula). */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 850 米 · 1.2 公里 · 12 公里 */
export function formatDistance(t: Translate, meters: number): string {
  if (meters < 1000) return t('vol.distance.m', { n: Math.max(1, Math.round(meters / 10) * 10) });
  const km = meters / 1000;
  return t('vol.distance.km', { n: km < 10 ? km.toFixed(1) : String(Math.round(km)) });
}
