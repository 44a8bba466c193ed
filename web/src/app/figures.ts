import type { MessageKey } from '../i18n/index.js';

/**
 * The leader figures of GET /stats/overview (PRODUCT §1, §5) in display order, each with its label and its
 * definition (i18n `figure.<key>` / `figure.<key>.def`). A figure the server does not return yet is not shown.
 */
export interface FigureDef {
  key: string;
  format: 'count' | 'percent' | 'hours';
}

export const FIGURES: FigureDef[] = [
  { key: 'communities', format: 'count' },
  { key: 'membersReportedIn', format: 'count' },
  { key: 'unitsReportedIn', format: 'count' },
  { key: 'servicesPublished', format: 'count' },
  { key: 'personTimes', format: 'count' },
  { key: 'serviceHours', format: 'hours' },
  { key: 'casesReceived', format: 'count' },
  { key: 'casesClosed', format: 'count' },
  { key: 'resolutionRate', format: 'percent' },
  { key: 'streets', format: 'count' },
  { key: 'streetChiefs', format: 'count' },
  { key: 'rectificationListsIssued', format: 'count' },
  { key: 'serviceCenters', format: 'count' },
  { key: 'compoundsRenovated', format: 'count' },
  { key: 'households', format: 'count' },
];

export const figureLabel = (key: string) => `figure.${key}` as MessageKey;
export const figureDefinition = (key: string) => `figure.${key}.def` as MessageKey;

/** The figures present in an overview answer, in display order. */
export function presentFigures(overview: Record<string, unknown>): Array<FigureDef & { value: number }> {
  return FIGURES.flatMap((f) => (typeof overview[f.key] === 'number' ? [{ ...f, value: overview[f.key] as number }] : []));
}
