// Country and ISP from the offline databases installed with the collector:
// real lookups of well-known networks over IPv4, IPv6 and IPv4-mapped IPv6;
// nothing for private, loopback, special-purpose or malformed addresses; the
// operator's country header trusted only when named, and validated.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { createEnricher, type Enricher } from '../src/enrichment/index.ts';
import { loadIpDatabases } from '../src/enrichment/ip-databases.ts';

const enricher: Promise<Enricher> = createEnricher();

async function place(address: string | undefined, headers: Record<string, string | string[]> = {}, countryHeader?: string) {
  return (countryHeader ? await createEnricher({ countryHeader }) : await enricher).place(address, headers);
}

describe('country and ISP from the offline databases', () => {
  const known: [string, string, RegExp][] = [
    ['8.8.8.8', 'US', /^Google LLC$/],
    ['1.1.1.1', 'AU', /^Cloudflare, Inc\.$/],
    ['9.9.9.9', 'US', /^Quad9$/],
    ['81.2.69.142', 'GB', /^Andrews & Arnold Ltd$/],
    ['5.9.0.1', 'DE', /^Hetzner Online GmbH$/],
    ['2001:4860:4860::8888', 'US', /^Google LLC$/],
    ['2606:4700:4700::1111', 'US', /^Cloudflare, Inc\.$/],
    ['2a01:4f8::1', 'DE', /^Hetzner Online GmbH$/],
    ['2003::1', 'DE', /^Deutsche Telekom AG$/],
    ['2a03:2880:f003::1', 'IE', /^Facebook, Inc\.$/],
  ];
  for (const [address, country, isp] of known) {
    it(`places ${address} in ${country}, network ${isp.source}`, async () => {
      const found = await place(address);
      assert.equal(found.country, country);
      assert.match(found.isp ?? '', isp);
    });
  }

  it('reads an IPv4-mapped IPv6 address (a dual-stack socket) as its IPv4 address', async () => {
    assert.deepEqual(await place('::ffff:8.8.8.8'), await place('8.8.8.8'));
    assert.deepEqual(await place('::ffff:808:808'), await place('8.8.8.8'));
  });

  it('reads an IPv6 address in any spelling, and ignores a zone id', async () => {
    const canonical = await place('2001:4860:4860::8888');
    assert.deepEqual(await place('2001:4860:4860:0000:0000:0000:0000:8888'), canonical);
    assert.deepEqual(await place('2001:4860:4860::8888%eth0'), canonical);
    assert.deepEqual(await place('2001:4860:4860::8888'.toUpperCase()), canonical);
  });

  it('knows nothing of private, loopback, link-local, shared, documentation and other special addresses', async () => {
    for (const address of [
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1', // the database itself has a stray country for this one
      '127.0.0.1',
      '169.254.1.1',
      '100.64.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '224.0.0.1',
      '192.0.2.1',
      '198.51.100.7',
      '203.0.113.9',
      '240.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '2001:db8::1',
      '::ffff:192.168.1.1',
      '::ffff:127.0.0.1',
    ]) {
      assert.deepEqual(await place(address), { country: null, isp: null }, address);
    }
  });

  it('knows nothing of what is not an address, without throwing', async () => {
    for (const address of [
      undefined,
      '',
      'garbage',
      '8.8.8',
      '8.8.8.8.8',
      '127.1',
      '0x08080808',
      '134744072',
      '8.8.8.8:53',
      '[2001:4860:4860::8888]',
      '2001:4860:4860::8888::1',
      ' 8.8.8.8',
      '8.8.8.8\u0000',
      'x'.repeat(100_000),
      '<script>alert(1)</script>',
    ]) {
      assert.deepEqual(await place(address), { country: null, isp: null }, String(address).slice(0, 40));
    }
  });

  it('answers the same place again from its cache, as a copy the caller may change', async () => {
    const first = await place('8.8.8.8');
    first.country = 'FR';
    assert.deepEqual(await place('8.8.8.8'), { country: 'US', isp: 'Google LLC' });
  });

  it('loads the databases once per process, however many enrichers are built', async () => {
    const [a, b] = await Promise.all([loadIpDatabases(), loadIpDatabases()]);
    assert.equal(a, b);
    await createEnricher();
    assert.equal(await loadIpDatabases(), a);
  });
});

describe('the operator’s country header', () => {
  it('is ignored when the operator named none: a visitor cannot forge a country', async () => {
    const forged = { 'cf-ipcountry': 'FR', 'x-country': 'FR', 'x-vercel-ip-country': 'FR' };
    assert.deepEqual(await place('8.8.8.8', forged), { country: 'US', isp: 'Google LLC' });
    assert.deepEqual(await place('192.168.1.1', forged), { country: null, isp: null });
    assert.deepEqual(await place(undefined, forged), { country: null, isp: null });
  });

  it('gives the country when named, whatever the address; the ISP still comes from the address', async () => {
    assert.deepEqual(await place('8.8.8.8', { 'cf-ipcountry': 'DE' }, 'cf-ipcountry'), { country: 'DE', isp: 'Google LLC' });
    assert.deepEqual(await place('10.0.0.1', { 'cf-ipcountry': 'DE' }, 'cf-ipcountry'), { country: 'DE', isp: null });
    assert.deepEqual(await place(undefined, { 'cf-ipcountry': 'DE' }, 'cf-ipcountry'), { country: 'DE', isp: null });
  });

  it('is matched whatever the case of its name, and its value is trimmed and capitalised', async () => {
    assert.equal((await place('10.0.0.1', { 'cf-ipcountry': ' at ' }, 'CF-IPCountry')).country, 'AT');
    assert.equal((await place('10.0.0.1', { 'x-country': ['ch', 'fr'] }, 'X-Country')).country, 'CH');
  });

  it('makes unknown anything that is not an assigned country code: XX, T1 (Tor), EU, ZZ, three letters, garbage', async () => {
    for (const value of ['XX', 'T1', 'EU', 'ZZ', 'AP', 'A1', 'DEU', 'D', '', '  ', '12', 'D3', '<script>', 'de;', 'xx'.repeat(5000)]) {
      assert.deepEqual(await place('8.8.8.8', { 'cf-ipcountry': value }, 'cf-ipcountry'), { country: null, isp: 'Google LLC' }, value);
    }
  });

  it('falls back to the database when a request has no such header', async () => {
    assert.deepEqual(await place('8.8.8.8', { 'x-other': 'DE' }, 'cf-ipcountry'), { country: 'US', isp: 'Google LLC' });
  });

  it('reads only the named header, not others a visitor could send', async () => {
    assert.equal((await place('8.8.8.8', { 'x-country': 'FR' }, 'cf-ipcountry')).country, 'US');
  });
});

describe('the data the databases come from', () => {
  it('are the installed npm packages, with the licences the NOTICE names', () => {
    const require = createRequire(import.meta.url);
    const asn = require('@ip-location-db/asn/package.json');
    const country = require('@ip-location-db/geo-whois-asn-country-mmdb/package.json');
    const notice = readFileSync(new URL('../NOTICE', import.meta.url), 'utf8');
    assert.match(asn.license, /CC-BY-4\.0/);
    assert.match(notice, new RegExp(`@ip-location-db/asn ${asn.version.replaceAll('.', '\\.')}`));
    assert.match(notice, new RegExp(`@ip-location-db/geo-whois-asn-country-mmdb ${country.version.replaceAll('.', '\\.')}`));
    assert.match(notice, /CC BY 4\.0/);
  });
});
