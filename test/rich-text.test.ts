import { expect } from '@open-wc/testing';
import { parseRichText } from '../src/ui/rich-text.ts';

describe('parseRichText', () => {
  it('turns [label](url) into a link and keeps the rest as text', () => {
    expect(parseRichText('Read our [privacy policy](/privacy) first.')).to.deep.equal([
      'Read our ',
      { label: 'privacy policy', href: '/privacy' },
      ' first.',
    ]);
  });

  it('keeps a link with a non-http(s) URL as plain text', () => {
    expect(parseRichText('[click](javascript:alert(1))')).to.deep.equal(['[click](javascript:alert(1))']);
    expect(parseRichText('[click](javascript:void)')).to.deep.equal(['[click](javascript:void)']);
    expect(parseRichText('[x](data:text/html,hi)')).to.deep.equal(['[x](data:text/html,hi)']);
  });

  it('never produces markup from text', () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    expect(parseRichText(hostile)).to.deep.equal([hostile]);
  });
});
