import { Toast } from 'antd-mobile';
import { errorMessage } from './apiErrors.js';

export { errorMessage, isMissingRoute } from './apiErrors.js';

/** Shows a failure toast carrying the server's message. */
export function toastError(error: unknown) {
  Toast.show({ icon: 'fail', content: errorMessage(error), duration: 2500 });
}
