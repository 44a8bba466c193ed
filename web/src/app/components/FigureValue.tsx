import { useLocale } from '../../i18n/index.js';
import { formatNumber, formatPercent } from '../../ui/format.js';
import type { FigureDef } from '../figures.js';

export function FigureValue({ value, format }: { value: number; format: FigureDef['format'] }) {
  const locale = useLocale();
  if (format === 'percent') return <>{formatPercent(value, locale)}</>;
  if (format === 'hours') return <>{formatNumber(Math.round(value * 10) / 10, locale)}</>;
  return <>{formatNumber(value, locale)}</>;
}
