import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.js';

/**
 * The vocabulary a case type (a state machine stored as data, table case_types) is written in. The engine
 * (apply-transition.ts) knows these words; a type combines them. Adding a word means adding engine code; adding
 * a state, transition or rule only means adding a type version.
 */
export const CLOCK_NAMES = ['sign', 'handle', 'verify'] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

/** Who may fire a transition, relative to the case (standing.ts decides). */
export const PARTIES = ['dispatcher', 'supervisor', 'verifier', 'handler', 'co_handler', 'reporter'] as const;
export type Party = (typeof PARTIES)[number];
export const PARTY_NAMES: Record<Party, string> = {
  dispatcher: '派单员（case.dispatch，案件所在区域）',
  supervisor: '督办（case.supervise，案件所在区域）',
  verifier: '核查员（case.verify，案件所在区域）',
  handler: '主办部门承办人（属地兜底时为街道派单员）',
  co_handler: '联办部门承办人',
  reporter: '上报人',
};

/** Side effects beyond the state change, each a small function in transition-effects.ts. */
export const EFFECTS = [
  'file',
  'dispatch',
  'sign',
  'return',
  'handle',
  'close',
  'rework',
  'withdraw',
  'rate',
  'remind',
  'supervise',
  'request_extension',
  'approve_extension',
  'deny_extension',
  'add_co_handler',
  'appeal',
  'uphold_appeal',
  'dismiss_appeal',
] as const;
export type Effect = (typeof EFFECTS)[number];

/** Conditions on the case beyond its state; a failed guard is INVALID_TRANSITION. */
export const GUARDS = ['extensionPending', 'noExtensionPending', 'hasLeadDepartment', 'notRated', 'appealPending', 'noAppeal'] as const;
export type Guard = (typeof GUARDS)[number];

export const RECIPIENTS = ['handler', 'co_handlers', 'reporter', 'dispatchers', 'supervisors'] as const;
export type Recipient = (typeof RECIPIENTS)[number];

export const CLOSE_REASONS = ['resolved', 'not_responsible', 'duplicate', 'unable', 'withdrawn'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const CLOSE_REASON_NAMES: Record<CloseReason, string> = { resolved: '已解决', not_responsible: '非职责范围', duplicate: '重复件', unable: '无法解决', withdrawn: '已撤回' };

/** Input fields a transition may require ('required') or accept ('optional'); note and evidence are always accepted. */
export const REQUIREMENTS = ['note', 'evidence', 'reason', 'department', 'coDepartments', 'closeReason', 'extensionUntil', 'rating'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

const Code = Type.String({ pattern: '^[a-z][a-z_]{1,39}$' });
const Need = Type.Enum(['required', 'optional'] as const);

export const StateDef = Type.Object(
  { code: Code, name: Type.String({ minLength: 1, maxLength: 30 }), terminal: Type.Optional(Type.Boolean({ description: '终态：无计时、不再流转（评价、申诉等不改变状态的操作除外）' })) },
  { additionalProperties: false },
);
export type StateDef = Static<typeof StateDef>;

export const TransitionDef = Type.Object(
  {
    action: Code,
    name: Type.String({ minLength: 1, maxLength: 30 }),
    from: Type.Array(Code, { minItems: 1 }),
    to: Nullable(Code),
    by: Type.Array(Type.Enum(PARTIES), { minItems: 1, description: PARTIES.map((p) => `${p} ${PARTY_NAMES[p]}`).join(' · ') }),
    requires: Type.Optional(
      Type.Object(
        {
          note: Type.Optional(Need),
          evidence: Type.Optional(Need),
          reason: Type.Optional(Need),
          department: Type.Optional(Need),
          coDepartments: Type.Optional(Need),
          closeReason: Type.Optional(Need),
          extensionUntil: Type.Optional(Need),
          rating: Type.Optional(Need),
        },
        { additionalProperties: false, description: 'required 必填 · optional 可填；note 与 evidence 总是可填' },
      ),
    ),
    closeReasons: Type.Optional(Type.Array(Type.Enum(CLOSE_REASONS), { minItems: 1, description: '结案原因的可选值（requires.closeReason 时）' })),
    setsCloseReason: Type.Optional(Type.Enum(CLOSE_REASONS)),
    clock: Type.Optional(
      Type.Object(
        {
          stop: Type.Optional(Type.Boolean({ description: '停止正在运行的时钟（超时则记为逾期）' })),
          start: Type.Optional(Type.Enum(CLOCK_NAMES, { description: '按类别时限启动该时钟' })),
          pause: Type.Optional(Type.Boolean({ description: '暂停（挂账），保留剩余时间' })),
          resume: Type.Optional(Type.Boolean({ description: '恢复暂停的时钟' })),
        },
        { additionalProperties: false },
      ),
    ),
    effects: Type.Optional(Type.Array(Type.Enum(EFFECTS))),
    guard: Type.Optional(Type.Enum(GUARDS)),
    notify: Type.Optional(Type.Array(Type.Enum(RECIPIENTS))),
  },
  { additionalProperties: false },
);
export type TransitionDef = Static<typeof TransitionDef>;

export const IntakeDef = Type.Object(
  {
    initial: Code,
    directFile: Type.Optional(
      Type.Object({ action: Code }, { additionalProperties: false, description: '网格员、工作人员（case.file）上报时立即执行的立案操作' }),
    ),
    automatic: Type.Optional(
      Type.Array(Type.Object({ state: Code, action: Code }, { additionalProperties: false }), { description: '进入 state 后由系统自动执行 action（如立案后自动派遣）' }),
    ),
  },
  { additionalProperties: false },
);
export type IntakeDef = Static<typeof IntakeDef>;

export interface CaseTypeDef {
  code: string;
  version: number;
  name: string;
  states: StateDef[];
  transitions: TransitionDef[];
  intake: IntakeDef;
}

/** Problems that make a definition unusable (empty when it is sound). */
export function caseTypeProblems(def: Pick<CaseTypeDef, 'states' | 'transitions' | 'intake'>): string[] {
  const problems: string[] = [];
  const states = new Set<string>();
  for (const s of def.states) {
    if (states.has(s.code)) problems.push(`状态 ${s.code} 重复`);
    states.add(s.code);
  }
  const known = (code: string | null, where: string) => {
    if (code !== null && !states.has(code)) problems.push(`${where}：未定义的状态 ${code}`);
  };
  const actions = new Set<string>();
  for (const t of def.transitions) {
    if (actions.has(t.action)) problems.push(`操作 ${t.action} 重复`);
    actions.add(t.action);
    t.from.forEach((f) => known(f, `操作 ${t.action} 的 from`));
    known(t.to, `操作 ${t.action} 的 to`);
    if (t.requires?.closeReason && !t.closeReasons?.length) problems.push(`操作 ${t.action} 要求结案原因，但未列出 closeReasons`);
    if ((t.setsCloseReason || t.requires?.closeReason) && !t.effects?.some((e) => e === 'close' || e === 'withdraw')) {
      problems.push(`操作 ${t.action} 设置结案原因，须包含 close 或 withdraw 效果`);
    }
    if (t.effects?.includes('dispatch') && !t.requires?.department) problems.push(`操作 ${t.action}（派遣）须声明 requires.department`);
  }
  known(def.intake.initial, 'intake.initial');
  if (def.intake.directFile && !actions.has(def.intake.directFile.action)) problems.push(`intake.directFile：未定义的操作 ${def.intake.directFile.action}`);
  for (const a of def.intake.automatic ?? []) {
    known(a.state, 'intake.automatic');
    const t = def.transitions.find((x) => x.action === a.action);
    if (!t) problems.push(`intake.automatic：未定义的操作 ${a.action}`);
    else if (!t.from.includes(a.state)) problems.push(`intake.automatic：操作 ${a.action} 不能从 ${a.state} 执行`);
  }
  return problems;
}
