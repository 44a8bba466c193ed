/**
 * The Dali demo's geography. Prefecture and city codes are the official division codes (532900, 532901);
 * subdistrict and community codes follow the 12-digit pattern but are demo values, as are community names.
 */
export const DALI = {
  tenant: { code: 'dali', name: '大理白族自治州' },
  prefecture: { code: '532900000000', name: '大理白族自治州', lat: 25.6065, lng: 100.2676 },
  city: { code: '532901000000', name: '大理市', lat: 25.5894, lng: 100.2257 },
  subdistricts: [
    {
      code: '532901001000',
      name: '下关街道',
      lat: 25.5893,
      lng: 100.2296,
      communities: ['文献社区', '洱滨社区', '仁民社区', '关平社区', '万花社区', '泰安社区', '荷花社区', '兴和社区', '白塔社区', '龙山社区', '机场路社区', '榆华社区', '团山社区', '建设路社区', '南花园社区', '北区社区', '金星社区', '洱河社区'],
    },
    {
      code: '532901002000',
      name: '太和街道',
      lat: 25.6291,
      lng: 100.2365,
      communities: ['太和社区', '阳和社区', '金沙社区', '沙河社区', '东沙社区', '苍山社区', '满堂社区', '金圭社区', '石坪社区', '玉洱社区', '河西社区', '凤仪社区', '兰林社区'],
    },
    {
      code: '532901003000',
      name: '满江街道',
      lat: 25.5982,
      lng: 100.2774,
      communities: ['满江社区', '大关邑社区', '洱海社区', '海东社区', '江西社区', '江东社区', '荷塘社区', '鱼塘社区', '庆华社区', '锦湖社区', '新星社区', '平安社区', '春晖社区'],
    },
  ],
  gridsPerCommunity: 3,
  units: [
    { name: '大理市自然资源局', subtype: '机关', code: '11532901MB0000001A' },
    { name: '大理大学', subtype: '高校', code: '12530000431220001B' },
    { name: '大理市第一人民医院', subtype: '事业单位', code: '12532901MB0000002C' },
    { name: '云南大理供电局', subtype: '企业', code: '91532901MA0000003D' },
    { name: '大理苍洱物业服务有限公司', subtype: '物业', code: '91532901MA0000004E' },
  ],
  departments: [
    { name: '大理市城市管理局', subtype: '城管' },
    { name: '大理市住房和城乡建设局', subtype: '住建' },
    { name: '大理市交通运输局', subtype: '交通' },
    { name: '大理市市场监督管理局', subtype: '市场监管' },
    { name: '大理市生态环境局', subtype: '生态环境' },
  ],
  partyOrgs: [{ name: '中共大理市委城市工作党工委', subtype: '党工委' }],
  /**
   * The article's figures (PRODUCT §1) the generated demo reproduces at scale 1, from records: Party members reported
   * in (besides the demo member), units co-building under an agreement in force, service items published in the past
   * twelve months (a few of them still upcoming), certified person-times of service.
   */
  figures: { members: 7200, coBuildingUnits: 403, servicesPublished: 278, personTimes: 10632 },
  /** The demo's fixed randomness: the same Dali on every first start. */
  seed: 20260403,
} as const;
