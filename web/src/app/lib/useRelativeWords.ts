import { useMemo } from 'react';
import { useT } from '../../i18n/index.js';
import type { RelativeWords } from '../../ui/format.js';

/** The words formatRelative needs, in the UI language. */
export function useRelativeWords(): RelativeWords {
  const t = useT();
  return useMemo(
    () => ({
      justNow: t('time.justNow'),
      minutesAgo: (n) => t('time.minutesAgo', { n }),
      hoursAgo: (n) => t('time.hoursAgo', { n }),
      yesterday: (time) => t('time.yesterday', { time }),
    }),
    [t],
  );
}
