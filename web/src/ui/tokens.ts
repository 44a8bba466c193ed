/**
 * Design tokens shared by the phone app and the console: restrained Party red on neutral greys (PRODUCT §6).
 * CSS reads the same values as custom properties (see `cssVariables`), so a change here is a change everywhere.
 */
export const colors = {
  /** Party red: primary actions, the raised 随手拍 button, unread marks. Use sparingly. */
  primary: '#C8161D',
  primaryPressed: '#A51118',
  /** A very light tint of the primary, for icon tiles and selected rows. */
  primarySoft: '#FBEDED',
  success: '#1F9D55',
  warning: '#D97706',
  danger: '#C8161D',
  text: '#1F2329',
  textSecondary: '#5C6370',
  textWeak: '#8F959E',
  border: '#E8EAED',
  background: '#F4F5F7',
  surface: '#FFFFFF',
} as const;

export const radius = { card: 12, tile: 14, pill: 999 } as const;

/** Chinese typography first: system CJK faces before Latin fallbacks. */
export const fontFamily =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif';

/** Minimum tap target (px), per mobile accessibility guidance. */
export const TAP_TARGET = 44;

/** The tokens as CSS custom properties (`--ll-*`) plus the antd-mobile variables they drive. */
export function cssVariables(): Record<string, string> {
  return {
    '--ll-color-primary': colors.primary,
    '--ll-color-primary-pressed': colors.primaryPressed,
    '--ll-color-primary-soft': colors.primarySoft,
    '--ll-color-text': colors.text,
    '--ll-color-text-secondary': colors.textSecondary,
    '--ll-color-weak': colors.textWeak,
    '--ll-color-border': colors.border,
    '--ll-color-background': colors.background,
    '--ll-color-surface': colors.surface,
    '--ll-radius-card': `${radius.card}px`,
    '--ll-radius-tile': `${radius.tile}px`,
    '--ll-font-family': fontFamily,
    '--adm-color-primary': colors.primary,
    '--adm-color-danger': colors.danger,
    '--adm-color-success': colors.success,
    '--adm-color-warning': colors.warning,
    '--adm-color-text': colors.text,
    '--adm-color-text-secondary': colors.textSecondary,
    '--adm-color-weak': colors.textWeak,
    '--adm-color-border': colors.border,
    '--adm-color-background': colors.surface,
    '--adm-font-family': fontFamily,
  };
}

/** Writes the tokens onto an element (normally `document.documentElement`). */
export function applyCssVariables(el: HTMLElement) {
  for (const [k, v] of Object.entries(cssVariables())) el.style.setProperty(k, v);
}
