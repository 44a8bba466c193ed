/**
 * A short name for a session's device from its User-Agent: browser and OS are proper nouns (“Chrome · Android”);
 * `api` marks a program calling the API with a token (no browser), which the UI names in its own language.
 */
export function describeUserAgent(ua: string | null | undefined): { browser: string | null; os: string | null; api: boolean } {
  if (!ua) return { browser: null, os: null, api: false };
  if (/^(node|undici|curl|okhttp|python|go-http|java|axios)/i.test(ua)) return { browser: null, os: null, api: true };
  const os = /Android/i.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/i.test(ua)
      ? 'iOS'
      : /HarmonyOS|OpenHarmony/i.test(ua)
        ? 'HarmonyOS'
        : /Windows/i.test(ua)
          ? 'Windows'
          : /Mac OS X|Macintosh/i.test(ua)
            ? 'macOS'
            : /Linux/i.test(ua)
              ? 'Linux'
              : null;
  const browser = /MicroMessenger/i.test(ua)
    ? 'WeChat'
    : /AlipayClient/i.test(ua)
      ? 'Alipay'
      : /Edg\//i.test(ua)
        ? 'Edge'
        : /HeadlessChrome|Chrome\/|CriOS/i.test(ua)
          ? 'Chrome'
          : /Firefox|FxiOS/i.test(ua)
            ? 'Firefox'
            : /Safari/i.test(ua)
              ? 'Safari'
              : null;
  return { browser, os, api: false };
}
