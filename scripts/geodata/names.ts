// Invented names. Fixed lists, drawn from with the seeded generator, so the same seed gives the same names.

import type { SeededRandom } from '#domain/random.ts';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (enough for the numbers used here, 1-99). */
export function chineseNumeral(value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 99) throw new Error(`no numeral for ${value}`);
  if (value < 10) return DIGITS[value];
  const tens = Math.floor(value / 10);
  const ones = value % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export function shuffled<T>(items: readonly T[], random: SeededRandom): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = random.integer(0, index);
    [result[index], result[other]] = [result[other], result[index]];
  }
  return result;
}

const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗',
  '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '程', '曹', '袁', '邓', '许', '傅', '沈', '曾', '彭', '吕', '苏',
  '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '余', '潘', '杜', '戴', '夏', '田', '任', '姜', '范', '方', '石',
  '姚', '谭', '邹', '金', '郝', '孔', '白', '崔', '康', '秦', '史', '侯', '孟', '段', '雷', '尹', '常', '武', '乔', '贺',
];
const GIVEN_NAMES = [
  '建国', '建华', '国强', '志强', '志刚', '卫东', '红军', '保国', '德明', '德华', '永强', '玉成', '金山', '长青', '海涛',
  '秀英', '桂兰', '玉兰', '淑珍', '秀兰', '丽华', '红梅', '海燕', '春花', '桂芳', '凤英', '玉梅', '翠华', '素芬', '秀珍',
  '伟', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '芳', '鹏',
  '晓东', '晓燕', '晓明', '文博', '文静', '思远', '子涵', '浩然', '佳怡', '欣怡', '梦琪', '雨轩', '俊杰', '雅婷', '宇航',
  '新民', '振华', '国庆', '爱华', '跃进', '学军', '向东', '铁柱', '春生', '秋菊', '冬梅', '改云', '小勇', '丽娟', '云飞',
];

/** Draws person names, never the same twice from one generator. */
export class PersonNames {
  private readonly used = new Set<string>();
  constructor(private readonly random: SeededRandom) {}

  next(): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const name = this.random.pick(SURNAMES) + this.random.pick(GIVEN_NAMES);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new Error('ran out of person names');
  }
}

const COMPOUND_PREFIXES = [
  '金桂', '银杏', '翠竹', '锦绣', '阳光', '幸福', '和谐', '东方', '书香', '御景', '水岸', '山水', '康乐', '福星', '兴业',
  '世纪', '天润', '名门', '怡和', '丽景', '滨河', '鑫源', '宏达', '瑞丰', '桂园', '梧桐', '盛世', '嘉和', '润泽', '华庭',
  '馨园', '龙腾', '凤凰', '秀水', '枫林', '明珠', '春晖', '新城', '家和', '安居', '富康', '美景', '绿城', '祥和', '文苑',
];
const COMPOUND_SUFFIXES = ['花园', '小区', '家园', '苑', '雅居', '名苑', '华府', '新村', '公寓', '嘉园', '佳苑', '花苑', '庭院', '新居'];
const SUFFIXES_PER_PREFIX = 4;
const WORK_UNITS = [
  '人民医院', '粮食局', '供电公司', '烟草公司', '教育局', '水利局', '农机厂', '纺织厂', '建设银行', '邮政局', '第一高中',
  '交通局', '税务局', '自来水公司', '棉纺厂', '化肥厂', '酒厂', '林业局', '法院', '中医院', '百货公司', '供销社', '机械厂',
  '石油公司', '财政局', '检察院', '气象局', '农业银行', '电影公司', '二中', '实验小学', '物资局', '食品公司', '印刷厂',
];

/** Draws compound names for one town, never the same twice, and never one of the reserved (article) names. */
export class CompoundNames {
  private readonly used = new Set<string>();
  private readonly residential: string[];
  private readonly workUnits: string[];
  private readonly courtyardNumbers = new Map<string, Set<number>>();

  constructor(
    private readonly random: SeededRandom,
    localPrefixes: string[],
    reserved: string[],
  ) {
    for (const name of reserved) this.used.add(name);
    const prefixes = [...localPrefixes, ...shuffled(COMPOUND_PREFIXES, random)];
    // Local prefixes first, so each town's compounds sound like that town.
    const combinations: string[] = [];
    for (const prefix of prefixes) {
      for (const suffix of shuffled(COMPOUND_SUFFIXES, random).slice(0, SUFFIXES_PER_PREFIX)) combinations.push(prefix + suffix);
    }
    const local = combinations.slice(0, localPrefixes.length * SUFFIXES_PER_PREFIX);
    this.residential = [...shuffled(local, random), ...shuffled(combinations.slice(local.length), random)];
    this.workUnits = shuffled(WORK_UNITS, random).map((unit) => `${unit}家属院`);
  }

  private take(pool: string[]): string {
    while (pool.length > 0) {
      const name = pool.shift() as string;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    throw new Error('ran out of compound names');
  }

  residentialCompound(): string {
    return this.take(this.residential);
  }

  workUnitCompound(): string {
    return this.take(this.workUnits);
  }

  /** An old courtyard named by its street number, as they usually are (民主街12号院). */
  numberedOnRoad(roadName: string): string {
    const numbers = this.courtyardNumbers.get(roadName) ?? new Set<number>();
    this.courtyardNumbers.set(roadName, numbers);
    for (;;) {
      const number = this.random.integer(1, 160);
      const name = `${roadName}${number}号院`;
      if (!numbers.has(number) && !this.used.has(name)) {
        numbers.add(number);
        this.used.add(name);
        return name;
      }
    }
  }

  reserve(name: string): void {
    if (this.used.has(name)) throw new Error(`compound name ${name} used twice`);
    this.used.add(name);
  }
}
