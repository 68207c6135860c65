import { describe, expect, it } from 'vitest';
import { interpolate, MappingError, resolveMapping } from './mapping.ts';

const record = {
  title: 'A: "b"',
  slug: 'x-vs-y',
  codes: [
    { code: 100, reason: 'Trying' },
    { code: 180, reason: 'Ringing' },
  ],
  locales: [
    { id: 'en', lang: 'en', weight: 1 },
    { id: 'zh-hans', lang: 'zh-Hans', weight: 2 },
  ],
  site: { name: 'codecompare' },
};

describe('profile mappings', () => {
  it('takes values, maps over lists, interpolates and keeps literals', () => {
    expect(
      resolveMapping(
        { title: '$title', codes: '$codes[].code', first: '$codes.0.reason', label: '{{codes.0.code}} / {{codes.1.code}}', draft: false, weight: 3, price: '$$5', raw: { $literal: '/{{ locale }}/' } },
        record,
      ),
    ).toEqual({ title: 'A: "b"', codes: [100, 180], first: 'Trying', label: '100 / 180', draft: false, weight: 3, price: '$5', raw: '/{{ locale }}/' });
  });

  it('builds maps and lists with $each, items seeing the outer record', () => {
    expect(resolveMapping({ $each: '$locales', $key: 'id', $value: { code: '$lang', dir: 'content/{{id}}', site: '$site.name' } }, record)).toEqual({
      en: { code: 'en', dir: 'content/en', site: 'codecompare' },
      'zh-hans': { code: 'zh-Hans', dir: 'content/zh-hans', site: 'codecompare' },
    });
    expect(resolveMapping({ $each: '$locales', $value: '$weight' }, record)).toEqual([1, 2]);
  });

  it('names the place of an unknown field', () => {
    const error = (() => {
      try {
        resolveMapping({ params: { summary: '$summary' } }, record, ['fields']);
      } catch (e) {
        return e;
      }
    })() as MappingError;
    expect(error).toBeInstanceOf(MappingError);
    expect(error.path).toEqual(['fields', 'params', 'summary']);
    expect(error.message).toBe('unknown field "summary"');
    expect(() => interpolate('{{codes}}', record)).toThrow('is not text or a number');
    expect(() => resolveMapping({ $eahc: '$codes' }, record)).toThrow('not a mapping keyword');
    expect(() => resolveMapping('$title[]', record)).toThrow('is not a list');
    expect(() => resolveMapping('$', record)).toThrow('empty $ reference');
  });
});
