import { useT } from '../../i18n/index.js';

/** PullToRefresh's status texts in the UI language. */
export function usePullTexts() {
  const t = useT();
  return { pullingText: t('pull.pulling'), canReleaseText: t('pull.release'), refreshingText: t('pull.refreshing'), completeText: t('pull.done') };
}
