import { expect } from '@open-wc/testing';
import { decodeConsent, decodeStored, encodeConsent, encodeStored, restamp } from '../src/core/consent-codec.ts';
import { resolveConfig } from '../src/core/config.ts';
import type { ConsentState } from '../src/index.ts';

const { categories } = resolveConfig({});
const state: ConsentState = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  revision: 3,
  timestamp: '2026-11-23T10:00:00.000Z',
  method: 'custom',
  categories: { necessary: true, analytics: false },
};

describe('consent codec', () => {
  it('round-trips a state with the schema version', () => {
    expect(JSON.parse(encodeConsent(state)).v).to.equal(1);
    expect(decodeConsent(encodeConsent(state), categories)).to.deep.equal(state);
  });

  it('grants required categories and drops unknown ones', () => {
    const raw = JSON.stringify({ v: 1, ...state, categories: { necessary: false, analytics: true, other: true } });
    expect(decodeConsent(raw, categories)!.categories).to.deep.equal({ necessary: true, analytics: true });
  });

  it('decodes anything malformed as no choice, without throwing', () => {
    const bad = [
      undefined,
      null,
      '',
      'null',
      '[]',
      '"x"',
      '{',
      encodeConsent(state).slice(0, -2),
      JSON.stringify({ ...state }),
      JSON.stringify({ v: 1, ...state, timestamp: 'yesterday' }),
      JSON.stringify({ v: 1, ...state, revision: 1.5 }),
      JSON.stringify({ v: 1, ...state, categories: [] }),
      JSON.stringify({ v: 1, ...state, id: '<script>alert(1)</script>' }),
      '{"__proto__":{"polluted":true}}',
      'x'.repeat(5000),
    ];
    for (const raw of bad) expect(decodeConsent(raw, categories), String(raw)).to.equal(null);
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });

  it('keeps the day the script last wrote the record (written), absent from a record the collector issues', () => {
    expect(JSON.parse(encodeStored(state, '2026-11-24'))).to.deep.equal({ v: 1, ...state, written: '2026-11-24' });
    expect(decodeStored(encodeStored(state, '2026-11-24'), categories)).to.deep.equal({ state, written: '2026-11-24' });
    expect(decodeStored(encodeConsent(state), categories)).to.deep.equal({ state, written: undefined });
    expect(decodeConsent(encodeStored(state, '2026-11-24'), categories)).to.deep.equal(state);
    // A malformed day never voids the decision: it is not today, so the SDK writes the record anew.
    expect(decodeStored(JSON.stringify({ v: 1, ...state, written: 20261123 }), categories)!.state).to.deep.equal(state);
  });

  it('restamps a record with another day and nothing else changed, categories as stored', () => {
    const stored = JSON.stringify({
      v: 1,
      ...state,
      categories: { necessary: true, analytics: false, marketing: true },
      written: '2026-11-24',
    });
    expect(JSON.parse(restamp(stored, '2026-11-30'))).to.deep.equal({ ...JSON.parse(stored), written: '2026-11-30' });
    expect(JSON.parse(restamp(encodeConsent(state), '2026-11-30'))).to.deep.equal({ v: 1, ...state, written: '2026-11-30' });
  });
});
