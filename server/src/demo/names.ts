import type { Random } from './random.js';

/**
 * The vocabulary the Dali demo is generated from: people's names, units, service items, places, comments.
 * Surnames are weighted towards those common in Dali (白族: 杨、李、赵、段、张、王、董、何、苏、尹…).
 */
const SURNAMES = '杨李赵段张王董何苏尹陈刘周黄吴徐孙马朱胡郭林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏吕丁沈任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江阎薛侯雷龙史陶黎贺毛郝顾龚邵万钱严覃武戴莫孔向汤常字施寸'.split('');
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => (i < 10 ? 6 : i < 30 ? 2.5 : 1));
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红燕建国文斌云海鹏飞辉志宏彬琳晶雪梅兰春晓东亮波宁健俊凤琴佳欣宇浩然思雨婷婷子涵一鸣嘉怡梓萱晨阳金花德福绍昆正祥兴荣顺发丽娟家树永昌学良继红'.split('');

export function chineseName(rnd: Random): string {
  const surname = SURNAMES[rnd.weighted(SURNAME_WEIGHTS)]!;
  const given = rnd.chance(0.3) ? rnd.pick(GIVEN) : `${rnd.pick(GIVEN)}${rnd.pick(GIVEN)}`;
  return `${surname}${given}`;
}

/** A mobile number of a Chinese carrier prefix; unique within `taken` (the demo accounts' 1380000000x are avoided). */
export function mobile(rnd: Random, taken: Set<string>): string {
  const prefixes = ['139', '138', '137', '136', '135', '150', '151', '152', '158', '159', '182', '187', '188', '133', '153', '180', '189', '177', '130', '131', '132', '155', '156', '186', '199'];
  for (;;) {
    const phone = `${rnd.pick(prefixes)}${String(rnd.int(0, 99_999_999)).padStart(8, '0')}`;
    if (phone.startsWith('1380000') || taken.has(phone)) continue;
    taken.add(phone);
    return phone;
  }
}

export const SKILLS = ['摄影', '法律', '医疗', '驾驶', '厨艺', '书法', '电脑维修', '家电维修', '心理咨询', '英语', '文艺表演', '财会', '教育辅导', '护理', '白族扎染', '绘画', '舞蹈', '理发', '急救', '手语'] as const;

const PLACES = ['下关', '太和', '满江', '洱滨', '文献', '龙山', '万花', '荷花', '机场路', '北区', '金星', '团山', '大关邑', '石坪', '阳和', '凤仪', '喜洲', '银桥', '湾桥', '海东', '双廊', '挖色', '上关', '七里桥', '大理镇'];
const CITY_BUREAUS = ['发展和改革局', '教育体育局', '科学技术和信息化局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '水务局', '农业农村局', '商务局', '文化和旅游局', '卫生健康局', '应急管理局', '审计局', '统计局', '医疗保障局', '林业和草原局', '退役军人事务局', '信访局', '档案馆', '政务服务管理局', '机关事务管理局', '洱海保护管理局', '委组织部', '委宣传部', '委统战部', '委政法委', '纪委监委', '总工会', '团委', '妇联', '残联', '科协', '工商联', '人民法院', '人民检察院', '融媒体中心', '税务局', '公安局', '气象局'];
const BANKS = ['中国工商银行', '中国农业银行', '中国银行', '中国建设银行', '交通银行', '中国邮政储蓄银行', '大理农村商业银行', '富滇银行', '云南红塔银行'];
const BANK_BRANCHES = ['大理分行', '下关支行', '太和支行', '满江支行'];
const STATE_FIRMS = [
  '中国移动大理分公司', '中国联通大理分公司', '中国电信大理分公司', '中国邮政集团大理市分公司', '中国石化大理石油分公司', '中国人寿大理分公司', '中国人保财险大理分公司',
  '大理州城市建设投资集团有限公司', '大理市自来水有限公司', '大理州燃气有限公司', '大理州公共交通有限公司', '大理机场管理有限公司', '大理州旅游集团有限责任公司', '大理州文化旅游投资集团',
  '云南下关沱茶（集团）股份有限公司', '大理啤酒有限公司', '大理州烟草公司', '大理州交通建设投资集团', '大理州水务产业投资有限公司', '大理州能源投资集团',
];
const HEALTH = ['大理州人民医院', '大理市第二人民医院', '大理大学第一附属医院', '大理市中医医院', '大理市妇幼保健院', '大理市疾病预防控制中心', '大理州中医医院', '大理市第三人民医院'];
const BRANDS = ['苍洱', '洱海', '点苍', '风花雪月', '金花', '三塔', '蝴蝶泉', '崇圣', '南诏', '白族', '鹤庆', '海舌', '玉洱', '苍山', '银桥', '望海', '云岭', '滇西', '龙关', '太和'];
const TRADES = ['茶业', '乳业', '药业', '旅游开发', '建筑工程', '物流', '食品', '文化传媒', '电子商务', '酒店管理', '房地产开发', '科技', '环保科技', '农业开发', '汽车服务', '餐饮管理'];

export interface UnitSeed {
  name: string;
  subtype: string;
}

/** `n` distinct unit names (机关、事业单位、国企、银行、学校、企业、物业、社会组织), deterministic for a seed. */
export function unitNames(rnd: Random, n: number, avoid: ReadonlySet<string>): UnitSeed[] {
  const pool: UnitSeed[] = [
    ...CITY_BUREAUS.map((b) => ({ name: `大理市${b}`, subtype: '机关' })),
    ...CITY_BUREAUS.slice(0, 24).map((b) => ({ name: `大理州${b}`, subtype: '机关' })),
    ...HEALTH.map((name) => ({ name, subtype: '事业单位' })),
    ...PLACES.slice(0, 12).map((p) => ({ name: `${p}社区卫生服务中心`, subtype: '事业单位' })),
    ...['第一', '第二', '第三', '第四', '第五'].map((k) => ({ name: `大理市下关${k}中学`, subtype: '事业单位' })),
    ...['第一', '第二', '第三', '第四'].map((k) => ({ name: `大理市${k}中学`, subtype: '事业单位' })),
    ...PLACES.map((p) => ({ name: `大理市${p}小学`, subtype: '事业单位' })),
    ...PLACES.slice(0, 12).map((p) => ({ name: `大理市${p}幼儿园`, subtype: '事业单位' })),
    { name: '大理护理职业学院', subtype: '高校' },
    { name: '大理农林职业技术学院', subtype: '高校' },
    { name: '大理州技工学校', subtype: '高校' },
    ...BANKS.flatMap((b) => BANK_BRANCHES.map((br) => ({ name: `${b}${br}`, subtype: '企业' }))),
    ...STATE_FIRMS.map((name) => ({ name, subtype: '企业' })),
    ...PLACES.slice(0, 15).map((p) => ({ name: `大理${p}物业服务有限公司`, subtype: '物业' })),
    ...PLACES.slice(0, 10).map((p) => ({ name: `大理市${p}志愿者协会`, subtype: '社会组织' })),
    ...['阳光', '同心', '馨和', '乐龄', '绿色'].map((p) => ({ name: `大理市${p}社会工作服务中心`, subtype: '社会组织' })),
  ].filter((u) => !avoid.has(u.name));
  const firms = BRANDS.flatMap((b) => TRADES.map((t) => ({ name: `大理${b}${t}有限公司`, subtype: '企业' })));
  const chosen = rnd.sample(pool, Math.min(pool.length, Math.round(n * 0.8)));
  const names = new Set(chosen.map((u) => u.name));
  for (const f of rnd.sample(firms, firms.length)) {
    if (chosen.length >= n) break;
    if (!names.has(f.name) && !avoid.has(f.name)) chosen.push(f), names.add(f.name);
  }
  return chosen.slice(0, n);
}

/** Titles of service items per category (社区志愿服务岗位/活动), as Dali communities word them. */
export const SERVICE_TITLES: Record<string, readonly string[]> = {
  组织建设: ['主题党日：重温入党誓词', '“三会一课”进小区', '党员先锋岗志愿服务', '在职党员报到见面会', '党史学习教育宣讲', '红色观影与交流'],
  法律咨询与援助: ['法律服务进社区：婚姻家庭法律咨询', '民法典宣讲进小区', '法律援助咨询日', '物业纠纷调解服务', '老年人防诈骗法律讲座', '劳动权益法律咨询'],
  助困扶残与就业援助: ['关爱独居老人上门走访', '残疾人家庭结对帮扶', '社区招聘会志愿服务', '困难家庭助学走访', '为高龄老人送餐上门', '“爱心厨房”助餐服务'],
  社区治理: ['洱海保护：清洁家园行动', '垃圾分类入户宣传', '老旧小区改造意见收集', '文明城市创建交通劝导', '楼道杂物清理', '背街小巷环境整治', '共享单车停放整理'],
  健康医疗: ['义诊进社区', '老年人健康体检协助', '中医药义诊与养生讲座', '慢性病健康管理咨询', '疫苗接种现场秩序维护', '心肺复苏急救培训'],
  文化体育: ['三月街民族节民俗展演志愿服务', '社区读书会', '青少年暑期托管', '白族调传唱活动', '全民健身广场舞展演服务', '非遗扎染体验课', '“我们的节日”中秋游园'],
  安全宣传与治安巡逻: ['平安巡逻', '消防安全宣传与隐患排查', '防范电信网络诈骗宣传', '防汛隐患排查', '校园周边护学岗', '夜间治安巡逻'],
  其他: ['爱心义剪', '家电义务维修', '春节写春联送福', '旧衣物捐赠整理', '无偿献血引导服务', '社区跳蚤市场'],
};

/** Where a community's service takes place. */
export function placeIn(rnd: Random, community: string): string {
  const short = community.replace(/社区$/, '');
  return rnd.pick([`${community}党群服务中心`, `${community}文化广场`, `${short}小区`, `${community}新时代文明实践站`, `${community}老年活动室`, `洱海生态廊道（${short}段）`, `${short}农贸市场`]);
}

export const RATING_COMMENTS = [
  '服务很周到，感谢党员志愿者！',
  '解决了我们家的实际困难，非常感谢',
  '希望多组织这样的活动',
  '志愿者很耐心，讲解很清楚',
  '活动组织得很好，老人们都很满意',
  '小区干净多了，点赞',
  '时间有点短，希望下次延长',
  null,
  null,
];

export const DECLINE_REASONS = ['签到表无本人签名，请补充材料', '重复录入，已有同一时段记录', '经核实未实际参加该次服务'];

export const AGREEMENT_THEMES = ['结对共建、资源共享、活动共办、难题共解', '共同开展志愿服务和洱海保护行动', '围绕“一老一小”开展结对帮扶', '共建党群服务阵地，开放活动场地', '共同推进老旧小区改造和文明创建'];

export const CO_BUILD_ITEMS = {
  need: [
    { title: '老旧小区楼道照明改造', description: '3 个小区共 24 个楼道照明线路老化，需要技术支持与物资', quantity: 24 },
    { title: '暑期青少年托管志愿者', description: '7—8 月每周三次，每次需 4 名志愿者辅导作业', quantity: 36 },
    { title: '独居老人定期探访', description: '结对探访辖区 18 位独居老人', quantity: 18 },
  ],
  resource: [
    { title: '法律顾问每月坐班一天', description: '单位法律顾问每月第一个周四到社区提供法律咨询', quantity: 12 },
    { title: '会议室与活动场地开放', description: '周末向社区开放多功能厅，可容纳 80 人', quantity: 1 },
    { title: '测绘与不动产登记政策讲解', description: '面向居民讲解不动产登记办理流程', quantity: 4 },
  ],
  project: [{ title: '“洱海清、大理兴”共建项目', description: '共同组织每月一次洱海沿岸环境整治', quantity: 12 }],
} as const;
