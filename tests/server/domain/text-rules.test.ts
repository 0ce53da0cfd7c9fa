import { describe, expect, it } from 'vitest';
import { findUnsafeText, isReasonableInstant, isReasonableLocalDate } from '#domain/text-rules.ts';

describe('text and time rules for what users send', () => {
  it('accepts RFC 3339 instants on real days between 1900 and 2100, with a zone', () => {
    for (const text of ['2026-11-29T23:00:00+08:00', '2026-11-29T15:00:00Z', '2024-02-29T00:00:00.123Z', '1900-01-01T00:00:00Z', '2100-12-31T23:59:59+08:00']) {
      expect(isReasonableInstant(text), text).toBe(true);
    }
    for (const text of ['0000-01-01T00:00:00Z', '1899-12-31T23:59:59Z', '2101-01-01T00:00:00Z', '2026-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-29T24:00:00Z', '2026-11-29T23:00:00', '2026-11-29', 'yesterday', '2026-11-29T23:00:00+25:00']) {
      expect(isReasonableInstant(text), text).toBe(false);
    }
  });

  it('accepts calendar dates between 1900 and 2100', () => {
    expect(isReasonableLocalDate('2026-11-30')).toBe(true);
    expect(isReasonableLocalDate('2028-02-29')).toBe(true);
    for (const text of ['0000-01-01', '2026-02-29', '2026-11-31', '26-11-30', '2026-11-30T00:00:00Z']) expect(isReasonableLocalDate(text), text).toBe(false);
  });

  it('finds NUL characters and lone surrogates anywhere in a request, naming the field', () => {
    expect(findUnsafeText({ title: '垃圾未清运', tags: ['a', 'b'], location: { coordinates: [1, 2] } }, 'body')).toBeNull();
    expect(findUnsafeText({ title: 'a\u0000b' }, 'body')).toEqual({ field: 'body.title', reason: expect.stringMatching(/NUL/) });
    expect(findUnsafeText({ tags: ['ok', 'x\ud800'] }, 'body')).toEqual({ field: 'body.tags[1]', reason: expect.stringMatching(/lone UTF-16 surrogate/) });
    expect(findUnsafeText({ ['k\u0000']: 1 }, 'querystring')).toEqual({ field: 'querystring (a field name)', reason: expect.stringMatching(/NUL/) });
    // A surrogate pair (an emoji) is text.
    expect(findUnsafeText({ title: '井盖丢失 🚧' }, 'body')).toBeNull();
  });
});
