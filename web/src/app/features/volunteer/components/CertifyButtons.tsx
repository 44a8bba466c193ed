import { Button, Toast } from 'antd-mobile';
import { useState } from 'react';
import { api, call } from '../../../../api/client.js';
import { useT } from '../../../../i18n/index.js';
import { toastError } from '../../../lib/errors.js';
import { useAction } from '../lib/action.js';
import { ReasonSheet } from './ReasonSheet.js';

const DECLINE_PRESETS = ['certify.decline.preset1', 'certify.decline.preset2', 'certify.decline.preset3'] as const;

/** 认证 / 不通过 for one pending record; a decline asks for the reason (the record is kept, never deleted). */
export function CertifyButtons({ recordId, name, onDone }: { recordId: string; name: string; onDone: () => void | Promise<void> }) {
  const t = useT();
  const { run, pending } = useAction();
  const [declining, setDeclining] = useState(false);

  const approve = async () => {
    try {
      await run(`approve:${recordId}`, null, (headers) => call(api.POST('/api/v1/service-records/{id}/approve', { params: { path: { id: recordId } }, headers })));
      Toast.show({ icon: 'success', content: t('certify.approved', { name }) });
      await onDone();
    } catch (error) {
      toastError(error);
    }
  };

  const decline = async (reason: string) => {
    const body = { reason };
    try {
      await run(`decline:${recordId}`, body, (headers) => call(api.POST('/api/v1/service-records/{id}/decline', { params: { path: { id: recordId } }, body, headers })));
      Toast.show({ content: t('certify.declined', { name }) });
      await onDone();
    } catch (error) {
      toastError(error);
      throw error;
    }
  };

  return (
    <div className="vol-certify-buttons">
      <Button size="small" className="vol-button-sm" onClick={() => setDeclining(true)} disabled={pending !== null} data-testid="decline">
        {t('certify.decline.open')}
      </Button>
      <Button size="small" color="primary" className="vol-button-sm" loading={pending === `approve:${recordId}`} disabled={pending !== null} onClick={() => void approve()} data-testid="approve">
        {t('certify.approve')}
      </Button>
      <ReasonSheet
        visible={declining}
        title={t('certify.decline.title', { name })}
        hint={t('certify.decline.hint')}
        presets={DECLINE_PRESETS.map((k) => t(k))}
        confirmText={t('certify.decline.submit')}
        danger
        onSubmit={decline}
        onClose={() => setDeclining(false)}
      />
    </div>
  );
}
