import { DomainError, invalid } from '../../platform/errors.js';

/**
 * CSV text from an upload: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), or GB18030/GBK,
 * which is what Excel on Chinese Windows writes for plain "CSV" — tried only when the bytes are not valid UTF-8.
 */
export function decodeCsvText(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  if (data.includes(0)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { 'zh-CN': '仅支持 .xlsx 或 .csv 文件', en: 'Only .xlsx and .csv files are supported' });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // not UTF-8: fall through to the Chinese legacy encoding
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(data);
  } catch {
    throw invalid(
      'CSV 文件不是 UTF-8 编码：请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后重新上传',
      'The CSV file is not UTF-8: save it as "CSV UTF-8 (comma delimited)" and upload it again',
    );
  }
}

/** The delimiter of the first line: comma, or tab/semicolon when those clearly dominate (regional Excel settings). */
function delimiterOf(text: string): string {
  const end = text.search(/[\r\n]/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  const count = (c: string) => firstLine.split(c).length - 1;
  const [best] = [',', '\t', ';'].sort((a, b) => count(b) - count(a));
  return count(best!) > 0 ? best! : ',';
}

/**
 * RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks; CRLF, LF or CR end a record.
 * Returns one array of fields per record; record i is spreadsheet row i + 1.
 */
export function parseCsv(text: string): string[][] {
  const delimiter = delimiterOf(text);
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field.length === 0) quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\r' || c === '\n') {
      endRecord();
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (field.length > 0 || record.length > 0) endRecord();
  return records;
}
