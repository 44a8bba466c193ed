import type { FormInstance } from 'antd';

/** The form's values, or null when a field is invalid (the form already shows the field's message). */
export const validValues = <T>(form: FormInstance<T>): Promise<T | null> => form.validateFields().catch(() => null);
