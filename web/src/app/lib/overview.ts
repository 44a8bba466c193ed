import { Dialog } from 'antd-mobile';
import { api, call } from '../../api/client.js';
import { translate } from '../../i18n/index.js';
import { figureDefinition, figureLabel } from '../figures.js';

/** GET /stats/overview over the caller's whole scope. */
export const fetchOverview = () => call(api.GET('/api/v1/stats/overview'));

/** “numbers from records with their definition one tap away” */
export function showFigureDefinition(key: string) {
  void Dialog.alert({
    title: translate(figureLabel(key)),
    content: translate(figureDefinition(key)),
    confirmText: translate('common.ok'),
  });
}
