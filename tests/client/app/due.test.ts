// The time left at an incident's step, or how long it is overdue, as the lists, details and the map's tooltip say it.
import { describe, expect, it } from 'vitest';
import { dueLabel, dueState, durationParts, formatDuration } from '../../../client/src/app/due.ts';
import { MESSAGES, type Locale, type MessageKey } from '../../../client/src/i18n/messages.ts';
import { parseHours } from '../../../client/src/views/limits/limit-hours.ts';

const i18n = (locale: Locale) => ({
  locale,
  number: (value: number | null | undefined) => String(value),
  t: (key: MessageKey, values: Record<string, string | number> = {}) =>
    Object.entries(values).reduce<string>((text, [name, value]) => text.replaceAll(`{${name}}`, String(value)), MESSAGES[key][locale === 'zh' ? 0 : 1]),
});
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const now = Date.parse('2026-11-02T08:00:00Z');

describe('the deadline of an incident’s step', () => {
  it('is time left before the deadline, overdue after it or when the server said so, and nothing when closed', () => {
    expect(dueState({ dueAt: '2026-11-02T10:30:00Z', overdue: false }, now)).toEqual({ kind: 'left', ms: 2.5 * HOUR });
    expect(dueState({ dueAt: '2026-11-02T07:00:00Z', overdue: true }, now)).toEqual({ kind: 'overdue', ms: HOUR });
    // The list was read before the deadline, which has passed since.
    expect(dueState({ dueAt: '2026-11-02T07:45:00Z', overdue: false }, now)).toEqual({ kind: 'overdue', ms: 15 * MINUTE });
    // The server's clock is a little ahead of this one: overdue all the same, by under a minute.
    expect(dueState({ dueAt: '2026-11-02T08:00:30Z', overdue: true }, now)).toEqual({ kind: 'overdue', ms: 0 });
    expect(dueState({ dueAt: null, overdue: false }, now)).toEqual({ kind: 'none' });
  });

  it('is said in its two largest units, rounded down, in Chinese and in English', () => {
    expect(durationParts(2 * 24 * HOUR + 3 * HOUR + 59 * MINUTE)).toEqual([{ unit: 'days', count: 2 }, { unit: 'hours', count: 3 }]);
    expect(durationParts(24 * HOUR)).toEqual([{ unit: 'days', count: 1 }]);
    expect(durationParts(5 * HOUR + 20 * MINUTE + 59_000)).toEqual([{ unit: 'hours', count: 5 }, { unit: 'minutes', count: 20 }]);
    expect(durationParts(59_999)).toEqual([]);
    expect(formatDuration(2 * 24 * HOUR + 3 * HOUR, i18n('zh'))).toBe('2天3小时');
    expect(formatDuration(2 * 24 * HOUR + 3 * HOUR, i18n('en'))).toBe('2 d 3 h');
    expect(formatDuration(45 * MINUTE, i18n('zh'))).toBe('45分钟');
    expect(formatDuration(30_000, i18n('en'))).toBe('under a minute');
    expect(dueLabel({ dueAt: '2026-11-02T11:20:00Z', overdue: false }, now, i18n('zh'))).toBe('剩余 3小时20分钟');
    expect(dueLabel({ dueAt: '2026-11-01T06:00:00Z', overdue: true }, now, i18n('en'))).toBe('overdue by 1 d 2 h');
    expect(dueLabel({ dueAt: null, overdue: false }, now, i18n('zh'))).toBeNull();
  });
});

describe('a time limit typed by the admin', () => {
  const bounds = { minHours: 0.25, maxHours: 2160, stepHours: 0.25 };
  it('is taken when the server would take it: within the bounds, in whole steps', () => {
    expect(parseHours('4', bounds)).toBe(4);
    expect(parseHours(' 0.25 ', bounds)).toBe(0.25);
    expect(parseHours('2160', bounds)).toBe(2160);
    expect(parseHours('1.75', bounds)).toBe(1.75);
  });
  it('is refused otherwise', () => {
    for (const text of ['', ' ', '0', '-1', '0.1', '1.3', '2160.25', 'abc', '1e9', 'Infinity', 'NaN']) expect(parseHours(text, bounds), text).toBeNull();
  });
});
