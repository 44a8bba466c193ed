import { Type, type Static } from 'typebox';
import { DateTime, Nullable, PageQuery, Strict, Uuid } from '../../platform/http/schemas.js';
import { REPORT_IN_ACTIONS, REPORT_IN_STATUSES } from './report-ins.machine.js';

/** The community's service teams (服务队); a member's service intentions name the same teams. */
export const SERVICE_TEAMS = ['安全巡查', '环境美化', '矛盾调解', '爱心陪护', '政策宣传', '党课宣讲', '医疗卫生', '教育辅导', '法律援助', '文体'] as const;

export const ServiceTeam = Type.Enum(SERVICE_TEAMS, { description: '服务队 / service team' });
export const ReportInStatus = Type.Enum(REPORT_IN_STATUSES, {
  description: 'submitted 待确认 · returned 已退回 · active 已报到 · transferred 已转出 · inactive 已停止',
});
export const ReportInAction = Type.Enum(REPORT_IN_ACTIONS);

const Skills = Type.Array(Type.String({ minLength: 1, maxLength: 30 }), { maxItems: 20, uniqueItems: true, description: '个人特长 / skills' });
const Intentions = Type.Array(ServiceTeam, { minItems: 1, maxItems: SERVICE_TEAMS.length, uniqueItems: true, description: '服务意向（服务队）/ service intentions' });
const Note = Type.String({ maxLength: 500 });
const Reason = Type.String({ minLength: 1, maxLength: 500 });

export const ReportInView = Type.Object({
  id: Uuid(),
  userId: Uuid(),
  userName: Type.String(),
  phone: Type.String({ description: '打码手机号；本人不打码' }),
  communityId: Uuid(),
  communityName: Type.String(),
  unitId: Uuid(),
  unitName: Type.String(),
  skills: Type.Array(Type.String()),
  intentions: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  status: ReportInStatus,
  gridId: Nullable(Uuid()),
  gridName: Nullable(Type.String()),
  serviceTeam: Nullable(Type.String()),
  returnReason: Nullable(Type.String({ description: '退回原因（最近一次）' })),
  endReason: Nullable(Type.String({ description: '停止原因' })),
  submittedAt: DateTime(),
  confirmedAt: Nullable(DateTime()),
  reconfirmedAt: Nullable(DateTime()),
  reconfirmDueAt: Nullable(Type.String({ format: 'date-time', description: '下次复核确认时间（每 6 个月）' })),
  reconfirmDue: Type.Boolean({ description: '已到复核确认期' }),
  endedAt: Nullable(DateTime()),
  transferredFromId: Nullable(Uuid({ description: '由哪条报到记录转入' })),
  transferredToId: Nullable(Uuid({ description: '转出后的新报到记录' })),
  updatedAt: DateTime(),
});
export type ReportInView = Static<typeof ReportInView>;

export const ReportInEventView = Type.Object({
  action: Type.String({ description: 'submit · confirm · return · resubmit · transfer · reconfirm · deactivate' }),
  fromStatus: Nullable(ReportInStatus),
  toStatus: ReportInStatus,
  actorId: Nullable(Uuid()),
  actorName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  at: DateTime(),
});

export const ReportInDetail = Type.Object({
  ...ReportInView.properties,
  events: Type.Array(ReportInEventView, { description: '时间线' }),
  actions: Type.Array(ReportInAction, { description: '调用者现在可执行的操作' }),
});

export const MyReportIn = Type.Object({
  current: Nullable(ReportInDetail),
  history: Type.Array(ReportInView, { description: '以往的报到记录（转出、停止），新的在前' }),
});

export const SubmitReportInBody = Strict({
  communityId: Uuid({ description: '报到社区（居住地社区）' }),
  unitId: Uuid({ description: '工作单位（须为本人所在单位）' }),
  skills: Skills,
  intentions: Intentions,
  note: Type.Optional(Note),
});
export type SubmitReportInInput = Static<typeof SubmitReportInBody>;

export const ResubmitReportInBody = Strict({
  communityId: Type.Optional(Uuid()),
  unitId: Type.Optional(Uuid()),
  skills: Type.Optional(Skills),
  intentions: Type.Optional(Intentions),
  note: Type.Optional(Nullable(Note)),
});
export type ResubmitReportInInput = Static<typeof ResubmitReportInBody>;

export const ConfirmReportInBody = Strict({ gridId: Uuid({ description: '编入的网格（须在该社区下）' }), serviceTeam: ServiceTeam });
export const ReasonBody = Strict({ reason: Reason });
export const TransferReportInBody = Strict({ toCommunityId: Uuid({ description: '迁入的新社区' }) });

export const ListReportInsQuery = Strict({
  communityId: Type.Optional(Uuid({ description: '社区（须在调用者管辖范围内）' })),
  status: Type.Optional(ReportInStatus),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '姓名（模糊）或完整手机号' })),
  ...PageQuery,
});
export type ListReportInsQuery = Static<typeof ListReportInsQuery>;

export const UnitMemberStatus = Type.Enum([...REPORT_IN_STATUSES.slice(0, 3), 'none'] as const, { description: 'none 未报到 · submitted · returned · active' });

export const ListUnitReportInsQuery = Strict({
  status: Type.Optional(UnitMemberStatus),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: '姓名（模糊）' })),
  ...PageQuery,
});
export type ListUnitReportInsQuery = Static<typeof ListUnitReportInsQuery>;

export const UnitMemberReportIn = Type.Object({
  userId: Uuid(),
  name: Type.String(),
  phone: Type.String({ description: '打码手机号' }),
  unitId: Uuid({ description: '所在单位（含下级单位）' }),
  unitName: Type.String(),
  position: Nullable(Type.String()),
  status: UnitMemberStatus,
  reportIn: Nullable(
    Type.Object({
      id: Uuid(),
      communityId: Uuid(),
      communityName: Type.String(),
      gridName: Nullable(Type.String()),
      serviceTeam: Nullable(Type.String()),
      submittedAt: DateTime(),
      confirmedAt: Nullable(DateTime()),
      reconfirmDueAt: Nullable(DateTime()),
    }),
  ),
});

export const RatesQuery = Strict({ regionId: Type.Optional(Uuid({ description: '统计范围；缺省为调用者的全部管辖范围' })) });

const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'reportedIn / partyMembers；partyMembers 为 0 时为 null' }));

export const RATE_DEFINITIONS = {
  communityPartyMembers:
    '社区党员数：状态正常、标记为党员（isPartyMember）且居住地在该社区（含下级网格、小区、楼栋）或与该社区有居住/报到关联的人数，加上向该社区报到生效但未标记党员的人数（去重）',
  communityReportedIn: '社区已报到数：向该社区报到且状态为“已报到”（active）的人数',
  unitPartyMembers: '单位党员数：状态正常、标记为党员且直接属于该单位的人数，加上以该单位名义报到生效的人数（去重）',
  unitReportedIn: '单位已报到数：以该单位名义报到且状态为“已报到”（active）的人数（向任何社区）',
  rate: '报到率 = 已报到数 ÷ 党员数；党员数为 0 时为空',
} as const;

export const ReportInRates = Type.Object({
  regionIds: Type.Array(Uuid(), { description: '统计范围（区域）' }),
  communities: Type.Array(
    Type.Object({ id: Uuid(), name: Type.String(), code: Type.String(), partyMembers: Type.Integer(), reportedIn: Type.Integer(), rate: Rate }),
    { description: '范围内的每个社区' },
  ),
  units: Type.Array(
    Type.Object({ id: Uuid(), name: Type.String(), regionId: Uuid(), regionName: Type.String(), partyMembers: Type.Integer(), reportedIn: Type.Integer(), rate: Rate }),
    { description: '所在区域位于范围内的每个单位和职能部门' },
  ),
  totals: Type.Object({ communityPartyMembers: Type.Integer(), communityReportedIn: Type.Integer(), rate: Rate }),
  definitions: Type.Object(Object.fromEntries(Object.keys(RATE_DEFINITIONS).map((k) => [k, Type.String()])) as Record<keyof typeof RATE_DEFINITIONS, ReturnType<typeof Type.String>>),
});

export const ServiceTeamsView = Type.Object({ items: Type.Array(Type.String()) });

export const FlagResult = Type.Object({ flagged: Type.Integer() });
