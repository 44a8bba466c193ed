import { useState, type ReactNode } from 'react';
import { App } from 'antd';
import { api, call } from '../../../api/client.js';
import { errorText } from '../../hooks/errors.js';
import { useI18n } from '../../i18n.js';
import { ReasonModal } from '../reportin/ReasonModal.js';

export interface Certify {
  approve(id: string): Promise<void>;
  /** Asks for the reason, then declines (the record is kept). */
  decline(record: { id: string; userName: string }): void;
  /** All or nothing: one record not pending refuses the lot (the server names it). */
  approveMany(ids: string[]): Promise<boolean>;
  busy: string | null;
  modal: ReactNode;
}

/** Certification of service records (pending → approved / declined), shared by the roster, records and 时长认证. */
export function useCertify(onDone: () => void): Certify {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [declining, setDeclining] = useState<{ id: string; userName: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const approve = async (id: string) => {
    setBusy(id);
    try {
      await call(api.POST('/api/v1/service-records/{id}/approve', { params: { path: { id } } }));
      message.success(t('vol.cert.approved'));
      onDone();
    } catch (e) {
      message.error(errorText(e, t));
    } finally {
      setBusy(null);
    }
  };

  const approveMany = async (ids: string[]) => {
    setBusy('batch');
    try {
      const { items } = await call(api.POST('/api/v1/service-records/batch-approve', { body: { ids } }));
      message.success(t('vol.cert.approvedN', { n: items.length }));
      onDone();
      return true;
    } catch (e) {
      message.error(errorText(e, t));
      return false;
    } finally {
      setBusy(null);
    }
  };

  const modal = (
    <ReasonModal
      open={declining !== null}
      title={t('vol.cert.declineTitle', { name: declining?.userName ?? '' })}
      description={t('vol.cert.declineBody')}
      label={t('vol.cert.declineReason')}
      okText={t('vol.cert.decline')}
      danger
      onClose={() => setDeclining(null)}
      onSubmit={async (reason) => {
        await call(api.POST('/api/v1/service-records/{id}/decline', { params: { path: { id: declining!.id } }, body: { reason } }));
        setDeclining(null);
        message.success(t('vol.cert.declined'));
        onDone();
      }}
    />
  );

  return { approve, decline: setDeclining, approveMany, busy, modal };
}
