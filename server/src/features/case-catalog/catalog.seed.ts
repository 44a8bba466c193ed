import type { Insertable } from 'kysely';
import type { CaseCategoryTable, CaseLimitsJson } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';

interface SeedCategory {
  code: string;
  name: string;
  urgency?: 'urgent';
  limits?: CaseLimitsJson;
  filing?: string;
  closing?: string;
  children?: SeedCategory[];
}

const wh = (workingHours: number) => ({ workingHours });
const wd = (workingDays: number) => ({ workingDays });
const min = (minutes: number) => ({ minutes });
const URGENT: CaseLimitsJson = { sign: min(10), handle: min(120), verify: min(60) };

/**
 * The catalogue every tenant starts with (editable afterwards): GB/T 30428.2 部件 and 事件 classes with common
 * subcategories, and local extension classes (X…). Time limits follow governance-china.md §5.4 where a source
 * gives one (暴露垃圾 4 工作时, 道路保洁 2 工作时, 绿地养护 5 工作日, 井盖缺失 2 h, 露天烧烤 2 h…); the rest are
 * defaults a tenant is expected to adjust. A stage without a limit takes its class's, then the tenant default.
 */
export const COMPONENT_CLASSES: SeedCategory[] = [
  {
    code: 'C01', name: '公用设施', limits: { sign: wh(2), handle: wd(3) },
    children: [
      { code: 'C0101', name: '上水井盖', urgency: 'urgent', limits: URGENT, filing: '井盖缺失、破损、移位或凹凸不平', closing: '井盖恢复完好、平稳' },
      { code: 'C0102', name: '污水井盖', urgency: 'urgent', limits: URGENT, filing: '井盖缺失、破损、移位或凹凸不平', closing: '井盖恢复完好、平稳' },
      { code: 'C0103', name: '雨水箅子', limits: { handle: wd(1) }, filing: '箅子缺失、破损或堵塞', closing: '箅子完好、排水通畅' },
      { code: 'C0104', name: '消防栓', limits: { handle: wd(1) }, filing: '消防栓损坏、漏水或被圈占', closing: '消防栓完好可用' },
      { code: 'C0105', name: '路灯', limits: { handle: wd(1) }, filing: '路灯不亮（连续 3 盏以上）、灯杆倾斜或破损', closing: '路灯正常亮灯、设施完好' },
      { code: 'C0106', name: '通信交接箱', filing: '箱体破损、箱门缺失或线缆外露', closing: '箱体完好、线缆规整' },
    ],
  },
  {
    code: 'C02', name: '道路交通', limits: { sign: wh(2), handle: wd(3) },
    children: [
      { code: 'C0201', name: '公交站亭', filing: '站亭破损、玻璃碎裂或站牌缺失', closing: '站亭完好' },
      { code: 'C0202', name: '交通信号灯', urgency: 'urgent', limits: { sign: min(30), handle: min(240) }, filing: '信号灯不亮、故障或被遮挡', closing: '信号灯运行正常' },
      { code: 'C0203', name: '交通标志牌', filing: '标志牌缺失、倾斜或被遮挡', closing: '标志牌完好清晰' },
      { code: 'C0204', name: '交通护栏', filing: '护栏倒伏、缺失或破损', closing: '护栏完好、连续' },
      { code: 'C0205', name: '路名牌', limits: { handle: wd(5) }, filing: '路名牌缺失、破损或信息错误', closing: '路名牌完好、信息正确' },
    ],
  },
  {
    code: 'C03', name: '市容环境', limits: { sign: wh(2), handle: wd(1) },
    children: [
      { code: 'C0301', name: '公共厕所', filing: '公厕设施损坏或无法使用', closing: '公厕设施完好、正常开放' },
      { code: 'C0302', name: '垃圾箱（果皮箱）', limits: { handle: wh(4) }, filing: '垃圾箱破损、缺失或满溢', closing: '垃圾箱完好、清洁' },
      { code: 'C0303', name: '广告牌匾', limits: { handle: wd(5) }, filing: '牌匾破损、松动或存在坠落隐患', closing: '牌匾完好牢固或已拆除' },
    ],
  },
  {
    code: 'C04', name: '园林绿化', limits: { sign: wh(2), handle: wd(5) },
    children: [
      { code: 'C0401', name: '古树名木', filing: '古树名木受损、病虫害或保护设施缺失', closing: '已救护，保护设施完好' },
      { code: 'C0402', name: '行道树', filing: '行道树倒伏、枯死、缺株或枝叶影响通行', closing: '已扶正、补植或修剪到位' },
      { code: 'C0403', name: '绿地', filing: '绿地植被破坏、裸土或缺乏养护', closing: '绿地恢复、养护到位' },
      { code: 'C0404', name: '护树设施', filing: '树池、树箅、护树架缺失或破损', closing: '护树设施完好' },
      { code: 'C0405', name: '街头座椅', filing: '座椅破损或缺失', closing: '座椅完好' },
    ],
  },
  {
    code: 'C05', name: '房屋土地', limits: { sign: wh(2), handle: wd(5) },
    children: [
      { code: 'C0501', name: '宣传栏', filing: '宣传栏破损或内容过期', closing: '宣传栏完好、内容更新' },
      { code: 'C0502', name: '人防工事', limits: { handle: wd(7) }, filing: '人防设施损坏或被违规占用', closing: '设施完好、占用已清理' },
    ],
  },
  {
    code: 'C06', name: '其他设施', limits: { sign: wh(2), handle: wd(3) },
    children: [
      { code: 'C0601', name: '健身设施', filing: '健身器材损坏、存在安全隐患', closing: '器材修复或暂停使用并设警示' },
      { code: 'C0602', name: '监控电子眼', filing: '监控设备损坏或离线', closing: '设备恢复正常' },
    ],
  },
];

export const EVENT_CLASSES: SeedCategory[] = [
  {
    code: 'E01', name: '市容环境', limits: { sign: wh(1), handle: wd(1) },
    children: [
      { code: 'E0101', name: '私搭乱建', limits: { handle: wd(7) }, filing: '公共区域新搭建的违法建（构）筑物', closing: '已停工并拆除，现场恢复' },
      { code: 'E0102', name: '暴露垃圾', limits: { handle: wh(4) }, filing: '公共区域暴露垃圾、卫生死角，面积 1 平方米以上', closing: '垃圾清理干净' },
      { code: 'E0103', name: '积存垃圾渣土', filing: '公共区域积存垃圾渣土', closing: '积存垃圾渣土清运完毕' },
      { code: 'E0104', name: '道路不洁', limits: { handle: wh(2) }, filing: '8:00 后道路、广场有明显污物、积水或油污', closing: '路面保洁达标' },
      { code: 'E0105', name: '绿地脏乱', filing: '绿地内有垃圾、杂物或枯枝堆积', closing: '绿地内清理干净' },
      { code: 'E0106', name: '焚烧垃圾、树叶', urgency: 'urgent', limits: { sign: min(30), handle: min(120) }, filing: '露天焚烧垃圾、树叶或杂物', closing: '明火熄灭、现场清理' },
      { code: 'E0107', name: '油烟污染', limits: { handle: wd(5) }, filing: '餐饮油烟直排或扰民', closing: '安装净化设施或停止直排' },
    ],
  },
  {
    code: 'E02', name: '宣传广告', limits: { sign: wh(2), handle: wd(1) },
    children: [
      { code: 'E0201', name: '非法小广告', filing: '墙面、设施上张贴涂写的小广告', closing: '小广告清除干净' },
      { code: 'E0202', name: '违规户外广告', limits: { handle: wd(5) }, filing: '未经审批设置的户外广告', closing: '已拆除或补办手续' },
    ],
  },
  {
    code: 'E03', name: '施工管理', limits: { sign: wh(1), handle: wh(4) },
    children: [
      { code: 'E0301', name: '施工扰民', filing: '夜间或禁止时段施工产生噪声扰民', closing: '施工已停止或取得许可' },
      { code: 'E0302', name: '施工占道', limits: { handle: wd(1) }, filing: '施工超范围占用道路', closing: '占道已清理' },
      { code: 'E0303', name: '工地扬尘', filing: '工地未覆盖、未湿法作业产生扬尘', closing: '覆盖、洒水到位' },
      { code: 'E0304', name: '道路遗撒', limits: { handle: wh(2) }, filing: '运输车辆遗撒渣土、砂石', closing: '遗撒清理干净' },
    ],
  },
  {
    code: 'E04', name: '突发事件', urgency: 'urgent', limits: URGENT,
    children: [
      { code: 'E0401', name: '管道破裂', urgency: 'urgent', filing: '供排水、燃气等管道破裂或泄漏', closing: '管道修复、现场安全' },
      { code: 'E0402', name: '路面塌陷', urgency: 'urgent', filing: '路面塌陷、坑洞危及通行安全', closing: '已围挡并修复' },
      { code: 'E0403', name: '道路积水、结冰', urgency: 'urgent', limits: { handle: min(240) }, filing: '道路积水或结冰影响通行', closing: '积水排除或冰雪清除' },
    ],
  },
  {
    code: 'E05', name: '街面秩序', limits: { sign: wh(1), handle: wh(2) },
    children: [
      { code: 'E0501', name: '无照经营游商', filing: '流动摊贩无照经营', closing: '游商已劝离' },
      { code: 'E0502', name: '占道经营', filing: '占用道路、人行道经营', closing: '占道物品已清理' },
      { code: 'E0503', name: '店外经营', limits: { handle: wh(4) }, filing: '商户超出门窗外墙经营', closing: '已退回店内经营' },
      { code: 'E0504', name: '机动车乱停放', filing: '机动车占用人行道、消防通道停放', closing: '车辆已驶离或处罚' },
      { code: 'E0505', name: '露天烧烤', urgency: 'urgent', limits: { sign: min(30), handle: min(120) }, filing: '城区露天烧烤、油烟扰民', closing: '烧烤已停止、现场清理' },
    ],
  },
  {
    code: 'E06', name: '其他事件', limits: { sign: wh(2), handle: wd(5) },
    children: [{ code: 'E0601', name: '其他', filing: '不属于以上分类、需要政府处置的问题', closing: '问题已处置或已说明' }],
  },
];

/** Local extension classes (扩展事件), each meant to be owned by one department (set owning departments on site). */
export const LOCAL_CLASSES: SeedCategory[] = [
  {
    code: 'X01', name: '市场监管', limits: { sign: wh(2), handle: wd(5) },
    children: [
      { code: 'X0101', name: '食品安全', filing: '售卖过期、变质食品或无证经营食品', closing: '已查处或责令整改' },
      { code: 'X0102', name: '价格违法', filing: '明码标价缺失、价格欺诈', closing: '已查处或责令整改' },
    ],
  },
  {
    code: 'X02', name: '交通秩序', limits: { sign: wh(1), handle: wh(4) },
    children: [
      { code: 'X0201', name: '非机动车乱停放', filing: '非机动车、共享单车堆放阻碍通行', closing: '车辆已规整或清运' },
      { code: 'X0202', name: '违法占道停车', limits: { handle: wh(2) }, filing: '车辆违法占道停放', closing: '车辆已驶离或处罚' },
    ],
  },
  {
    code: 'X03', name: '环境污染', limits: { sign: wh(2), handle: wd(3) },
    children: [
      { code: 'X0301', name: '噪声污染', limits: { handle: wh(4) }, filing: '社会生活、商业噪声扰民', closing: '噪声源已消除' },
      { code: 'X0302', name: '水体污染', limits: { handle: wd(1) }, filing: '河道、湖泊有污水直排或漂浮物', closing: '排污口封堵、水面清理' },
      { code: 'X0303', name: '废气排放', filing: '企业、作坊废气直排', closing: '已查处或整改' },
    ],
  },
  {
    code: 'X04', name: '环境卫生（环卫）', limits: { sign: wh(1), handle: wh(4) },
    children: [
      { code: 'X0401', name: '道路保洁', limits: { handle: wh(2) }, filing: '清扫保洁不到位', closing: '保洁达标' },
      { code: 'X0402', name: '垃圾清运', filing: '垃圾桶满溢、清运不及时', closing: '垃圾已清运' },
      { code: 'X0403', name: '公厕保洁', filing: '公厕卫生差、异味', closing: '保洁达标' },
    ],
  },
];

const DEFAULT_FILING = '位于公共区域、属于政府处置范围、现场可核实';
const DEFAULT_CLOSING = '问题已处置，现场核查合格';

/** Writes the seed catalogue for the tenant of ctx (in ctx's transaction); called once per tenant by ensureCaseSetup. */
export async function seedCatalogue(ctx: Ctx): Promise<void> {
  const rows: Array<Insertable<CaseCategoryTable>> = [];
  const add = (c: SeedCategory, kind: 'component' | 'event', parent?: { id: string; path: string; depth: number }) => {
    const id = newId();
    const path = `${parent?.path ?? '/'}${id}/`;
    const depth = parent ? parent.depth + 1 : 0;
    rows.push({
      tenantId: ctx.tenantId,
      id,
      code: c.code,
      parentId: parent?.id ?? null,
      path,
      depth,
      kind,
      name: c.name,
      filingCondition: c.filing ?? (parent ? DEFAULT_FILING : null),
      closingCondition: c.closing ?? (parent ? DEFAULT_CLOSING : null),
      urgency: c.urgency ?? 'normal',
      limits: JSON.stringify(c.limits ?? {}),
      ownerDepartmentId: null,
      updatedAt: ctx.now(),
    });
    for (const child of c.children ?? []) add(child, kind, { id, path, depth });
  };
  for (const c of COMPONENT_CLASSES) add(c, 'component');
  for (const c of [...EVENT_CLASSES, ...LOCAL_CLASSES]) add(c, 'event');
  await ctx.db.insertInto('caseCategories').values(rows).execute();
}
