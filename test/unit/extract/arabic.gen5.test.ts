import { describe, expect, it } from 'vitest';
import { extractClaim } from '../../../src/extract/index.ts';
import { extractQuantities } from '../../../src/extract/quantities.ts';
import { prepareText } from '../../../src/extract/prepare.ts';

const ctx = { postedAt: '2024-03-10T08:00:00Z', zoneHint: null };

function keys(text: string): string[] {
  return extractQuantities(prepareText(text), ctx).map((q) => [q.what, q.group, q.qualifier, q.value, q.min, q.max].join('|'));
}

describe('Arabic counts (gen5)', () => {
  it('counts air strikes after a numeral', () => {
    expect(keys('شن طيران العدو الليلة الماضية 28 غارة على مدينة الحديدة.')).toEqual(['air_strike|unspecified|exact|28||']);
  });

  it('counts martyrs and wounded after a numeral, with the children and women among them', () => {
    expect(keys('ارتفعت حصيلة القصف إلى 41 شهيداً، بينهم 15 طفلاً و8 سيدات، و60 جريحاً.')).toEqual([
      'killed|unspecified|exact|41||',
      'killed|civilian|exact|15||',
      'killed|civilian|exact|8||',
      'injured|unspecified|exact|60||',
    ]);
  });

  it('does not take children outside an "among them" list as a part', () => {
    expect(keys('سقط 12 شهيداً. وتم إجلاء 30 طفلاً من المدرسة.')).toEqual(['killed|unspecified|exact|12||']);
  });

  it('reads "a number of the drones" and "several rockets" as vague counts', () => {
    expect(keys('هاجمت القوات المطار بعدد من المسيّرات الانتحارية.')).toEqual(['drone|unspecified|vague|||']);
    expect(keys('أطلقت الفصائل عدة صواريخ على القاعدة.')).toEqual(['rocket|unspecified|vague|||']);
  });

  it('reads "no loss of life occurred" as nobody killed', () => {
    expect(keys('سقطت قذيفة في ساحة فارغة ولم تقع أي خسائر في الأرواح.')).toContain('killed|unspecified|exact|0||');
  });

  it('ends a word at the Arabic comma', () => {
    expect(keys('أسفر القصف عن 7 قتلى، و3 جرحى.')).toEqual(['killed|unspecified|exact|7||', 'injured|unspecified|exact|3||']);
  });
});

describe('Arabic time and type (gen5)', () => {
  it('reads a four-digit military clock after "الساعة"', () => {
    const c = extractClaim({ text: 'أسقطت الدفاعات الجوية عند الساعة 0530 من فجر اليوم الخميس طائرة مسيّرة قرب مطار بغداد.', postedAt: '2023-10-19', source: { kind: 'social', name: 'x' } });
    expect(c.event_time).toMatchObject({ local: '2023-10-19T05:30', precision: 'minute' });
  });

  it('calls an attack with a number of drones a drone attack', () => {
    const c = extractClaim({ text: 'استهدفت الميليشيا فجر اليوم مخازن الوقود بعدد من المسيّرات.', postedAt: '2025-05-04', source: { kind: 'social', name: 'x' } });
    expect(c.event_type).toBe('drone_attack');
  });
});

describe('Arabic places aimed at (gen5)', () => {
  it('counts bases after a targeting verb, not bases merely mentioned', () => {
    expect(keys('استهدف المجاهدون فجر اليوم بالطائرات المسيّرة أربع قواعد للعدو في الجولان.')).toEqual(['targeted_site|unspecified|exact|4||']);
    expect(keys('يوجد في المنطقة أربع قواعد للعدو.')).toEqual([]);
  });
});
