import { invalid } from '../../platform/errors.js';
import { REQUIREMENTS, type CloseReason, type Requirement, type TransitionDef } from './case-type.js';
import type { CaseRow } from './standing.js';

/** What a transition request may carry; which fields a transition needs or accepts is data (TransitionDef.requires). */
export interface TransitionInput {
  caseId: string;
  action: string;
  note?: string;
  evidence?: string[];
  departmentId?: string;
  coDepartmentIds?: string[];
  reason?: string;
  closeReason?: CloseReason;
  extensionUntil?: string;
  rating?: { solved: boolean; satisfaction: number };
}

const FIELD: Record<Requirement, keyof TransitionInput> = {
  note: 'note',
  evidence: 'evidence',
  reason: 'reason',
  department: 'departmentId',
  coDepartments: 'coDepartmentIds',
  closeReason: 'closeReason',
  extensionUntil: 'extensionUntil',
  rating: 'rating',
};

const NAME: Record<Requirement, string> = {
  note: '处理说明',
  evidence: '现场照片',
  reason: '原因',
  department: '责任部门',
  coDepartments: '联办部门',
  closeReason: '结案原因',
  extensionUntil: '延期截止时间',
  rating: '评价',
};

const present = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'string' && v.trim() === '');

/**
 * Checks the request against the transition's requirements: required fields present, fields it does not take
 * absent, values allowed (close reasons, an extension after the current deadline). VALIDATION otherwise.
 * `satisfied` lists requirements met another way (automatic dispatch brings its own department).
 */
export function checkRequirements(t: TransitionDef, input: TransitionInput, c: CaseRow, now: Date, satisfied: Requirement[] = []): void {
  for (const r of REQUIREMENTS) {
    const need = t.requires?.[r] ?? (r === 'note' || r === 'evidence' ? 'optional' : undefined);
    const value = input[FIELD[r]];
    if (need === 'required' && !present(value) && !satisfied.includes(r)) {
      throw invalid(`${t.name}须填写${NAME[r]}`, `${t.action} requires ${FIELD[r]}`, { field: FIELD[r] });
    }
    if (!need && value !== undefined) throw invalid(`${t.name}不需要${NAME[r]}`, `${t.action} does not take ${FIELD[r]}`, { field: FIELD[r] });
  }
  if (input.closeReason && !(t.closeReasons ?? []).includes(input.closeReason)) {
    throw invalid(`${t.name}的结案原因只能是：${(t.closeReasons ?? []).join('、')}`, `closeReason must be one of ${(t.closeReasons ?? []).join(', ')}`, { field: 'closeReason' });
  }
  if (input.extensionUntil) {
    const until = new Date(input.extensionUntil);
    if (!(+until > +now) || (c.dueAt && !(+until > +c.dueAt))) {
      throw invalid('延期截止时间须晚于当前时限', 'extensionUntil must be later than the current deadline', { field: 'extensionUntil' });
    }
  }
}
