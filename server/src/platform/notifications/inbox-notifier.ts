import type { Ctx } from '../context.js';
import type { NewNotification, Notifier } from './notifier.js';

/** Placeholder until the inbox lands: records nothing. */
export class InboxNotifier implements Notifier {
  async notify(_ctx: Ctx, _n: NewNotification): Promise<void> {}
}
