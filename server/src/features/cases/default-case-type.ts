import type { CaseTypeDef, StateDef, TransitionDef } from './case-type.js';

/** States of the canonical flow (PRODUCT §3.5; governance-china §5.3). `closed` carries a close reason. */
const STATES: StateDef[] = [
  { code: 'reported', name: '已上报' },
  { code: 'filed', name: '已立案' },
  { code: 'rejected', name: '不予立案', terminal: true },
  { code: 'dispatched', name: '已派遣' },
  { code: 'returned', name: '已退单' },
  { code: 'signed', name: '已签收' },
  { code: 'in_progress', name: '处置中' },
  { code: 'suspended', name: '挂账' },
  { code: 'handled', name: '已反馈' },
  { code: 'verifying', name: '核查中' },
  { code: 'closed', name: '已结案', terminal: true },
];

const OPEN_AFTER_DISPATCH = ['dispatched', 'signed', 'in_progress'];
const HANDLING = ['signed', 'in_progress'];
const NOT_TERMINAL = ['reported', 'filed', 'dispatched', 'returned', 'signed', 'in_progress', 'suspended', 'handled', 'verifying'];
const APPEALABLE = ['in_progress', 'handled', 'verifying', 'closed'];

const TRANSITIONS: TransitionDef[] = [
  { action: 'file', name: '立案', from: ['reported'], to: 'filed', by: ['dispatcher'], effects: ['file'], notify: ['reporter'] },
  { action: 'reject', name: '不予立案', from: ['reported'], to: 'rejected', by: ['dispatcher'], requires: { reason: 'required' }, notify: ['reporter'] },
  {
    action: 'dispatch', name: '派遣', from: ['filed', 'returned', 'dispatched'], to: 'dispatched', by: ['dispatcher'],
    requires: { department: 'required', coDepartments: 'optional' }, clock: { stop: true, start: 'sign' }, effects: ['dispatch'], notify: ['handler', 'co_handlers'],
  },
  { action: 'sign', name: '签收', from: ['dispatched'], to: 'signed', by: ['handler'], clock: { stop: true, start: 'handle' }, effects: ['sign'] },
  {
    action: 'return', name: '退单', from: ['dispatched', 'signed'], to: 'returned', by: ['handler'], requires: { reason: 'required' },
    guard: 'hasLeadDepartment', clock: { stop: true }, effects: ['return'], notify: ['dispatchers'],
  },
  { action: 'start', name: '开始处置', from: ['signed'], to: 'in_progress', by: ['handler'] },
  {
    action: 'request_extension', name: '申请延期', from: HANDLING, to: null, by: ['handler'], requires: { reason: 'required', extensionUntil: 'required' },
    guard: 'noExtensionPending', effects: ['request_extension'], notify: ['dispatchers'],
  },
  {
    action: 'approve_extension', name: '批准延期', from: HANDLING, to: null, by: ['dispatcher'], requires: { extensionUntil: 'optional' },
    guard: 'extensionPending', effects: ['approve_extension'], notify: ['handler'],
  },
  {
    action: 'deny_extension', name: '驳回延期', from: HANDLING, to: null, by: ['dispatcher'], requires: { reason: 'required' },
    guard: 'extensionPending', effects: ['deny_extension'], notify: ['handler'],
  },
  { action: 'suspend', name: '挂账', from: HANDLING, to: 'suspended', by: ['dispatcher'], requires: { reason: 'required' }, clock: { pause: true }, notify: ['handler'] },
  { action: 'resume', name: '恢复处置', from: ['suspended'], to: 'in_progress', by: ['dispatcher'], clock: { resume: true }, notify: ['handler'] },
  {
    action: 'handle', name: '处置反馈', from: HANDLING, to: 'handled', by: ['handler'], requires: { note: 'required', evidence: 'required' },
    clock: { stop: true, start: 'verify' }, effects: ['handle'], notify: ['dispatchers', 'reporter'],
  },
  { action: 'verify', name: '核查', from: ['handled'], to: 'verifying', by: ['verifier'] },
  {
    action: 'close', name: '结案', from: ['verifying'], to: 'closed', by: ['verifier'], requires: { closeReason: 'required' },
    closeReasons: ['resolved', 'unable', 'not_responsible'], clock: { stop: true }, effects: ['close'], notify: ['reporter', 'handler'],
  },
  {
    action: 'rework', name: '返工', from: ['verifying'], to: 'in_progress', by: ['verifier'], requires: { note: 'required' },
    clock: { stop: true, start: 'handle' }, effects: ['rework'], notify: ['handler'],
  },
  {
    action: 'dismiss', name: '销案', from: ['reported', 'filed', 'returned'], to: 'closed', by: ['dispatcher'], requires: { reason: 'required', closeReason: 'required' },
    closeReasons: ['duplicate', 'not_responsible'], effects: ['close'], notify: ['reporter'],
  },
  {
    action: 'withdraw', name: '撤回', from: ['reported', 'filed', 'returned', 'dispatched', 'signed', 'in_progress', 'suspended'], to: 'closed', by: ['reporter'],
    requires: { reason: 'optional' }, setsCloseReason: 'withdrawn', clock: { stop: true }, effects: ['withdraw'], notify: ['handler'],
  },
  { action: 'rate', name: '评价', from: ['verifying', 'closed'], to: null, by: ['reporter'], requires: { rating: 'required' }, guard: 'notRated', effects: ['rate'] },
  { action: 'remind', name: '催办', from: OPEN_AFTER_DISPATCH, to: null, by: ['supervisor'], effects: ['remind'], notify: ['handler'] },
  { action: 'supervise', name: '督办', from: OPEN_AFTER_DISPATCH, to: null, by: ['supervisor'], requires: { note: 'required' }, effects: ['supervise'], notify: ['handler', 'dispatchers'] },
  { action: 'comment', name: '留言', from: NOT_TERMINAL, to: null, by: ['dispatcher', 'verifier', 'handler', 'co_handler', 'reporter'], requires: { note: 'required' } },
  {
    action: 'add_co_handler', name: '增加联办单位', from: OPEN_AFTER_DISPATCH, to: null, by: ['dispatcher', 'handler'], requires: { department: 'required' },
    effects: ['add_co_handler'], notify: ['co_handlers'],
  },
  { action: 'appeal', name: '申诉', from: APPEALABLE, to: null, by: ['handler'], requires: { reason: 'required' }, guard: 'noAppeal', effects: ['appeal'], notify: ['supervisors'] },
  { action: 'uphold_appeal', name: '申诉成立', from: APPEALABLE, to: null, by: ['supervisor'], requires: { reason: 'required' }, guard: 'appealPending', effects: ['uphold_appeal'], notify: ['handler'] },
  { action: 'dismiss_appeal', name: '申诉驳回', from: APPEALABLE, to: null, by: ['supervisor'], requires: { reason: 'required' }, guard: 'appealPending', effects: ['dismiss_appeal'], notify: ['handler'] },
];

/**
 * The default case type every tenant starts with (seeded lazily as version 1 of `default`). A tenant changes it
 * by adding a version (POST /case-types); cases keep the version they were created with.
 */
export const DEFAULT_CASE_TYPE: CaseTypeDef = {
  code: 'default',
  version: 1,
  name: '通用工单（上报—立案—派遣—签收—处置—反馈—核查—结案）',
  states: STATES,
  transitions: TRANSITIONS,
  intake: { initial: 'reported', directFile: { action: 'file' }, automatic: [{ state: 'filed', action: 'dispatch' }] },
};
