import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import enUSModule from 'antd/es/locale/en_US.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';

/**
 * antd ships no package "exports", so under NodeNext TypeScript reads these ESM files as CommonJS and types the
 * default import as the module object; Vite hands over the locale itself. Accept either shape.
 */
const interop = (m: unknown) => ((m as { default?: AntdLocale }).default ?? m) as AntdLocale;

export const antdLocales = { 'zh-CN': interop(zhCNModule), en: interop(enUSModule) } as const;
