import { describe, expect, it } from 'vitest';
import { referenceUrl, sortReferences } from './references.ts';

describe('references', () => {
  it('links RFC sections and appendices on the RFC Editor site', () => {
    expect(referenceUrl({ rfc: 3261, section: '21.4.2' })).toBe('https://www.rfc-editor.org/rfc/rfc3261#section-21.4.2');
    expect(referenceUrl({ rfc: 3261 })).toBe('https://www.rfc-editor.org/rfc/rfc3261');
    expect(referenceUrl({ rfc: 3261, section: 'A' })).toBe('https://www.rfc-editor.org/rfc/rfc3261#appendix-A');
  });

  it('sorts by RFC, then section number by number, without duplicates', () => {
    const sorted = sortReferences([
      { rfc: 3262, section: '3' },
      { rfc: 3261, section: '21.4.10' },
      { rfc: 3261, section: '21.4.2' },
      { rfc: 3261, section: '6' },
      { rfc: 3261, section: '21.4.2' },
    ]);
    expect(sorted.map((r) => ('rfc' in r ? `${r.rfc} ${r.section}` : ''))).toEqual(['3261 6', '3261 21.4.2', '3261 21.4.10', '3262 3']);
  });
});
