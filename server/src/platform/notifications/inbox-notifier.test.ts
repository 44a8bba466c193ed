import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withDb } from '../context.js';
import { buildUser, createTestEnv, type TestEnv } from '../../test/harness.js';
import { createUser } from '../../features/users/create-user.js';
import { NotificationHub } from './hub.js';
import type { NotificationRow } from './notifier.js';
import type { OutboundMessage, Sender } from './senders.js';
import { LogSender } from './senders.js';
import { InboxNotifier } from './inbox-notifier.js';

const sms: OutboundMessage[] = [];
const smsSender: Sender = { channel: 'sms', send: async (m) => void sms.push(m) };
const failingWechat: Sender = {
  channel: 'wechat',
  send: async () => {
    throw new Error('wechat gateway down');
  },
};

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ senders: [smsSender, failingWechat] });
});
afterAll(() => env.close());

const until = async (check: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const settle = () => new Promise((r) => setTimeout(r, 150));
const inboxOf = (userId: string) => env.db.selectFrom('notifications').selectAll().where('tenantId', '=', env.tenantId).where('userId', '=', userId).execute();

describe('InboxNotifier', () => {
  it('writes nothing, pushes nothing and sends nothing when the caller’s transaction rolls back', async () => {
    const user = await buildUser(env);
    const pushed: NotificationRow[] = [];
    const unsubscribe = env.notifier.subscribe(env.tenantId, user.id, (n) => pushed.push(n));
    sms.length = 0;
    await expect(
      env.db.transaction().execute(async (trx) => {
        await env.notifier.notify(withDb(env.sys, trx), { userIds: [user.id], kind: 'test', title: '不会送达', channels: ['sms'] });
        expect(await trx.selectFrom('notifications').select('id').where('userId', '=', user.id).execute()).toHaveLength(1);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await settle();
    expect(await inboxOf(user.id)).toEqual([]);
    expect(pushed).toEqual([]);
    expect(sms).toEqual([]);
    unsubscribe();
  });

  it('pushes to live listeners and hands off to senders only after commit; a failing sender fails nothing', async () => {
    const user = await buildUser(env);
    const pushed: NotificationRow[] = [];
    const unsubscribe = env.notifier.subscribe(env.tenantId, user.id, (n) => pushed.push(n));
    sms.length = 0;
    await env.db.transaction().execute(async (trx) => {
      await env.notifier.notify(withDb(env.sys, trx), { userIds: [user.id, user.id], kind: 'case.dispatched', title: '新工单待签收', body: '请在 2 小时内签收', link: '/cases/1', channels: ['sms', 'wechat'] });
      await settle();
      expect(pushed).toEqual([]);
      expect(sms).toEqual([]);
    });
    await until(() => pushed.length === 1 && sms.length === 1);
    expect(pushed[0]).toMatchObject({ userId: user.id, kind: 'case.dispatched', title: '新工单待签收', body: '请在 2 小时内签收', link: '/cases/1', readAt: null });
    expect(sms[0]).toMatchObject({ channel: 'sms', tenantId: env.tenantId, userId: user.id, notificationId: pushed[0]!.id, title: '新工单待签收' });
    expect(await inboxOf(user.id)).toHaveLength(1); // duplicate recipients collapse
    unsubscribe();
  });

  it('without channels only the inbox and the live push are used', async () => {
    const user = await buildUser(env);
    sms.length = 0;
    await env.notifier.notify(env.sys, { userIds: [user.id], kind: 'info', title: '仅站内' });
    await settle();
    expect(await inboxOf(user.id)).toHaveLength(1);
    expect(sms).toEqual([]);
  });

  it('fans a large batch out in bus-sized chunks, pushing only to connected users', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 170; i++) {
      const u = await createUser({ ctx: env.sys, input: { phone: `1350${String(Date.now() % 10000).padStart(4, '0')}${String(i).padStart(3, '0')}`, name: `批量${i}`, regionId: env.rootId } });
      ids.push(u.id);
    }
    const pushed: NotificationRow[] = [];
    const unsubscribe = env.notifier.subscribe(env.tenantId, ids[169]!, (n) => pushed.push(n));
    sms.length = 0;
    await env.notifier.notify(env.sys, { userIds: ids, kind: 'broadcast', title: '全体通知', channels: ['sms'] });
    await until(() => sms.length === 170 && pushed.length === 1);
    expect(new Set(sms.map((m) => m.userId)).size).toBe(170);
    expect(pushed[0]!.userId).toBe(ids[169]);
    unsubscribe();
  });

  it('does nothing for an empty recipient list', async () => {
    await expect(env.notifier.notify(env.sys, { userIds: [], kind: 'x', title: 'x' })).resolves.toBeUndefined();
  });

  it('an unstarted notifier still writes the inbox (CLI, OpenAPI build)', async () => {
    const user = await buildUser(env);
    const plain = new InboxNotifier({ log: { info: () => {}, warn: () => {} } });
    await plain.notify(env.sys, { userIds: [user.id], kind: 'cli', title: '命令行' , channels: ['sms'] });
    expect(await inboxOf(user.id)).toHaveLength(1);
  });
});

describe('NotificationHub', () => {
  it('fans out per tenant and user, survives a failing listener and forgets unsubscribed ones', () => {
    const hub = new NotificationHub();
    const row = { tenantId: 't', id: 'n', userId: 'u', kind: 'k', title: 't', body: null, link: null, createdAt: new Date(), readAt: null };
    const good = vi.fn();
    const errors: unknown[] = [];
    const offBad = hub.subscribe('t', 'u', () => {
      throw new Error('listener bug');
    });
    const offGood = hub.subscribe('t', 'u', good);
    const other = vi.fn();
    hub.subscribe('t2', 'u', other);
    expect(hub.size).toBe(3);
    hub.publish('t', row, (e) => errors.push(e));
    expect(good).toHaveBeenCalledWith(row);
    expect(other).not.toHaveBeenCalled();
    expect(errors).toHaveLength(1);
    offBad();
    offGood();
    expect(hub.has('t', 'u')).toBe(false);
    expect(hub.size).toBe(1);
  });
});

describe('LogSender', () => {
  it('logs the message instead of sending it', async () => {
    const info = vi.fn();
    await new LogSender('sms', { info, warn: () => {} }).send({ channel: 'sms', tenantId: 't', userId: 'u', notificationId: 'n', kind: 'k', title: '标题', body: null, link: null });
    expect(info).toHaveBeenCalledWith(expect.objectContaining({ channel: 'sms', userId: 'u', title: '标题' }), expect.stringContaining('sms'));
  });
});
