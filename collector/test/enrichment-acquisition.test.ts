// Source and channel of a page view from its referrer, its page and its UTM
// values: a table that reaches every channel, the site's own host, and hostile
// or malformed input, which comes back as bounded plain text and never throws.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CHANNELS, createEnricher, DIRECT_SOURCE, type Acquisition, type Utm } from '../src/enrichment/index.ts';

const PAGE = 'https://example.com/pricing';
const enricher = createEnricher();

async function acquisition(referrer: string | undefined, utm?: Utm, page = PAGE): Promise<Acquisition> {
  return (await enricher).acquisition(referrer, page, utm);
}

/** [referrer, utm, source, channel] */
const TABLE: [string | undefined, Utm | undefined, string, (typeof CHANNELS)[number]][] = [
  // Direct: nothing, or nothing usable.
  [undefined, undefined, DIRECT_SOURCE, 'Direct'],
  ['', {}, DIRECT_SOURCE, 'Direct'],
  // Organic Search: engines by any country domain or subdomain.
  ['https://www.google.com/', undefined, 'Google', 'Organic Search'],
  ['https://google.de/', undefined, 'Google', 'Organic Search'],
  ['https://www.google.co.uk/search?q=vps', undefined, 'Google', 'Organic Search'],
  ['https://www.bing.com/', undefined, 'Bing', 'Organic Search'],
  ['https://duckduckgo.com/', undefined, 'DuckDuckGo', 'Organic Search'],
  ['https://de.search.yahoo.com/', undefined, 'Yahoo!', 'Organic Search'],
  ['https://yandex.com.tr/', undefined, 'Yandex', 'Organic Search'],
  ['https://www.ecosia.org/', undefined, 'Ecosia', 'Organic Search'],
  ['https://search.brave.com/', undefined, 'Brave', 'Organic Search'],
  [undefined, { source: 'bing', medium: 'organic' }, 'bing', 'Organic Search'],
  // Paid Search: a search engine with a paid medium or an ad-network source.
  ['https://www.google.com/', { medium: 'cpc' }, 'Google', 'Paid Search'],
  [undefined, { source: 'google', medium: 'cpc', campaign: 'spring' }, 'google', 'Paid Search'],
  [undefined, { source: 'adwords' }, 'adwords', 'Paid Search'],
  [undefined, { source: 'Bing', medium: 'ppc' }, 'Bing', 'Paid Search'],
  // Organic Social: the list's social networks, and social media.
  ['https://news.ycombinator.com/item?id=1', undefined, 'Hacker News', 'Organic Social'],
  ['https://old.reddit.com/r/selfhosted', undefined, 'Reddit', 'Organic Social'],
  ['https://mastodon.social/@someone', undefined, 'Mastodon', 'Organic Social'],
  ['https://fosstodon.org/', undefined, 'Mastodon', 'Organic Social'],
  ['https://t.co/abc', undefined, 'Twitter', 'Organic Social'],
  ['https://x.com/', undefined, 'Twitter', 'Organic Social'],
  ['https://m.facebook.com/', undefined, 'Facebook', 'Organic Social'],
  ['https://l.instagram.com/', undefined, 'Instagram', 'Organic Social'],
  ['https://www.linkedin.com/', undefined, 'LinkedIn', 'Organic Social'],
  ['https://bsky.app/', undefined, 'Bluesky', 'Organic Social'],
  ['android-app://com.reddit.frontpage/', undefined, 'Reddit', 'Organic Social'],
  [undefined, { source: 'hn' }, 'hn', 'Organic Social'],
  [undefined, { source: 'forum', medium: 'social' }, 'forum', 'Organic Social'],
  // Paid Social.
  [undefined, { source: 'facebook', medium: 'paid_social' }, 'facebook', 'Paid Social'],
  [undefined, { source: 'fb_ads' }, 'fb_ads', 'Paid Social'],
  [undefined, { source: 'linkedin', medium: 'cpc' }, 'linkedin', 'Paid Social'],
  ['https://www.reddit.com/', { medium: 'paid' }, 'Reddit', 'Paid Social'],
  // Email: webmail, or tagged as email or newsletter.
  [undefined, { source: 'newsletter' }, 'newsletter', 'Email'],
  [undefined, { source: 'mailchimp', medium: 'email' }, 'mailchimp', 'Email'],
  [undefined, { source: 'weekly', medium: 'E-Mail' }, 'weekly', 'Email'],
  ['https://mail.google.com/mail/u/0/', undefined, 'Gmail', 'Email'],
  ['android-app://com.google.android.gm/', undefined, 'Gmail', 'Email'],
  ['https://outlook.live.com/', undefined, 'Outlook.com', 'Email'],
  // Referral: any other site.
  ['https://blog.example.org/a-review', undefined, 'blog.example.org', 'Referral'],
  ['https://www.wikipedia.org/', undefined, 'wikipedia.org', 'Referral'],
  ['https://edition.cnn.com/', undefined, 'edition.cnn.com', 'Referral'],
  [undefined, { source: 'partner-site' }, 'partner-site', 'Referral'],
  [undefined, { medium: 'referral' }, DIRECT_SOURCE, 'Referral'],
  // AI Assistants.
  ['https://chatgpt.com/', undefined, 'ChatGPT', 'AI Assistants'],
  ['https://chat.openai.com/', undefined, 'ChatGPT', 'AI Assistants'],
  ['https://www.perplexity.ai/search/abc', undefined, 'Perplexity', 'AI Assistants'],
  ['https://claude.ai/', undefined, 'Claude', 'AI Assistants'],
  ['https://gemini.google.com/app', undefined, 'Gemini', 'AI Assistants'],
  ['https://copilot.microsoft.com/', undefined, 'Copilot', 'AI Assistants'],
  ['https://chat.deepseek.com/', undefined, 'DeepSeek', 'AI Assistants'],
  ['https://www.phind.com/', undefined, 'Phind', 'AI Assistants'],
  [undefined, { source: 'chatgpt.com' }, 'chatgpt.com', 'AI Assistants'],
  // Display.
  [undefined, { source: 'adnetwork', medium: 'display' }, 'adnetwork', 'Display'],
  [undefined, { source: 'news-site', medium: 'banner' }, 'news-site', 'Display'],
  // Affiliates.
  [undefined, { source: 'partner', medium: 'affiliate' }, 'partner', 'Affiliates'],
  // Organic Video.
  ['https://www.youtube.com/watch?v=1', undefined, 'YouTube', 'Organic Video'],
  ['https://youtu.be/abc', undefined, 'YouTube', 'Organic Video'],
  ['https://vimeo.com/1', undefined, 'Vimeo', 'Organic Video'],
  ['https://www.twitch.tv/', undefined, 'Twitch', 'Organic Video'],
  [undefined, { source: 'yt' }, 'yt', 'Organic Video'],
  [undefined, { source: 'webinar', medium: 'video' }, 'webinar', 'Organic Video'],
  // Paid Other: a paid medium nothing above claims, a paid video, a cross-network campaign.
  [undefined, { source: 'podcast', medium: 'cpc' }, 'podcast', 'Paid Other'],
  [undefined, { source: 'partner', medium: 'paid' }, 'partner', 'Paid Other'],
  [undefined, { source: 'youtube', medium: 'cpv' }, 'youtube', 'Paid Other'],
  [undefined, { source: 'google', campaign: 'pmax cross-network' }, 'google', 'Paid Other'],
];

describe('source and channel', () => {
  for (const [referrer, utm, source, channel] of TABLE) {
    it(`${referrer ?? '(no referrer)'} ${utm ? JSON.stringify(utm) : ''} → ${source}, ${channel}`, async () => {
      const found = await acquisition(referrer, utm);
      assert.equal(found.source, source);
      assert.equal(found.channel, channel);
    });
  }

  it('the table reaches every channel', () => {
    assert.deepEqual(new Set(TABLE.map((row) => row[3])), new Set(CHANNELS));
  });

  it('takes utm_source as sent, trimmed, over the referrer; the channel follows the tagged source', async () => {
    assert.deepEqual(await acquisition('https://www.google.com/', { source: '  Spring Newsletter ' }), {
      source: 'Spring Newsletter',
      channel: 'Email',
      referrerHost: 'google.com',
    });
    assert.deepEqual(await acquisition('https://news.ycombinator.com/', { source: 'GitHub' }), {
      source: 'GitHub',
      channel: 'Organic Social',
      referrerHost: 'news.ycombinator.com',
    });
  });

  it('reports the external referrer host without www., and none for direct traffic', async () => {
    assert.equal((await acquisition('https://www.google.com/search')).referrerHost, 'google.com');
    assert.equal((await acquisition('https://WWW.Example.ORG./x')).referrerHost, 'example.org');
    assert.equal((await acquisition(undefined)).referrerHost, null);
  });
});

describe('the site’s own host', () => {
  it('is never a source: same host, its www. twin either way, another port or scheme', async () => {
    for (const [referrer, page] of [
      ['https://example.com/', 'https://example.com/pricing'],
      ['https://www.example.com/', 'https://example.com/pricing'],
      ['https://example.com/', 'https://www.example.com/pricing'],
      ['http://example.com:8080/', 'https://example.com/pricing'],
      ['https://EXAMPLE.com/', 'https://example.com/'],
    ]) {
      assert.deepEqual(
        await acquisition(referrer, undefined, page),
        { source: DIRECT_SOURCE, channel: 'Direct', referrerHost: null },
        referrer,
      );
    }
  });

  it('keeps a tagged source on an internal page view', async () => {
    assert.deepEqual(await acquisition('https://example.com/', { source: 'newsletter' }), {
      source: 'newsletter',
      channel: 'Email',
      referrerHost: null,
    });
  });

  it('counts another subdomain of the site as a referrer (as Plausible does)', async () => {
    assert.equal((await acquisition('https://blog.example.com/post')).source, 'blog.example.com');
  });

  it('does not count localhost from a real site', async () => {
    assert.equal((await acquisition('http://localhost:3000/')).source, DIRECT_SOURCE);
    assert.equal((await acquisition('http://localhost:3000/', undefined, 'http://127.0.0.1:8080/')).source, DIRECT_SOURCE);
  });
});

describe('hostile and malformed input', () => {
  it('returns a hostile utm_source as the same plain text, never as markup or code', async () => {
    for (const value of [
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "'; DROP TABLE events; --",
      '{{constructor}}',
      '__proto__',
    ]) {
      const found = await acquisition(undefined, { source: value });
      assert.equal(found.source, value);
      assert.equal(found.channel, 'Referral');
    }
  });

  it('bounds a long utm_source to 256 characters without splitting a character', async () => {
    assert.equal((await acquisition(undefined, { source: 'a'.repeat(10_000) })).source, 'a'.repeat(256));
    const emoji = `${'a'.repeat(255)}😀tail`;
    assert.equal((await acquisition(undefined, { source: emoji })).source, 'a'.repeat(255));
  });

  it('names an unknown referrer by its host only: no path, query, credentials or port', async () => {
    const found = await acquisition('https://user:secret@evil.example:8443/<script>?q=<b>#x');
    assert.equal(found.source, 'evil.example');
    assert.equal(found.referrerHost, 'evil.example');
  });

  it('gives an internationalised host in its ASCII (punycode) form', async () => {
    assert.equal((await acquisition('https://bücher.example/')).source, 'xn--bcher-kva.example');
  });

  it('treats referrers that are not web or app URLs as no referrer', async () => {
    for (const referrer of [
      'not a url',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://example.org/',
      '//example.org',
      'https://',
      '   ',
    ]) {
      assert.deepEqual(await acquisition(referrer), { source: DIRECT_SOURCE, channel: 'Direct', referrerHost: null }, referrer);
    }
  });

  it('survives a long referrer, a broken page URL and UTM values of the wrong type', async () => {
    const long = `https://example.org/${'x'.repeat(100_000)}`;
    assert.equal((await acquisition(long)).source, 'example.org');
    assert.equal((await acquisition('https://example.org/', undefined, 'not a url')).source, 'example.org');
    const odd = { source: 42, medium: ['email'], campaign: { x: 1 } } as unknown as Utm;
    assert.deepEqual(await acquisition(undefined, odd), { source: DIRECT_SOURCE, channel: 'Direct', referrerHost: null });
    assert.deepEqual(await acquisition(undefined, null as unknown as Utm), {
      source: DIRECT_SOURCE,
      channel: 'Direct',
      referrerHost: null,
    });
  });
});

describe('the referrer list in collector/data', () => {
  const data = new URL('../data/', import.meta.url);
  it('is Matomo’s list at a known commit, under CC0, with its licence beside it', () => {
    const list = JSON.parse(readFileSync(new URL('referrers.json', data), 'utf8'));
    assert.equal(list.license, 'CC0-1.0');
    assert.match(list.commit, /^[0-9a-f]{40}$/);
    assert.ok(Object.keys(list.search).length > 200);
    assert.match(readFileSync(new URL('LICENSE-searchengine-and-social-list.txt', data), 'utf8'), /^CC0 1\.0 Universal/);
  });

  it('has additions in known categories only', () => {
    const additions = JSON.parse(readFileSync(new URL('referrer-additions.json', data), 'utf8'));
    for (const category of Object.keys(additions.services))
      assert.ok(['search', 'social', 'ai', 'video', 'email'].includes(category), category);
  });
});
