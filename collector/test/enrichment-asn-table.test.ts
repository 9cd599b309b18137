// The ASN CSV reader: quoted names, every IPv6 spelling the files use, gaps
// between ranges, rows it must leave out, and a file in another format. Then
// the installed package read whole, checked against its own numeric IPv6 file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { AsnTable } from '../src/enrichment/asn-table.ts';

const NONE = Buffer.alloc(0);
const csv = (...rows: string[]) => Buffer.from(rows.map((row) => `${row}\n`).join(''));
const ipv4 = (text: string) => text.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);

describe('the ASN CSV reader', () => {
  const table = new AsnTable(
    csv(
      `${ipv4('1.0.0.0')},${ipv4('1.0.0.255')},13335,"Cloudflare, Inc."`,
      `${ipv4('1.0.4.0')},${ipv4('1.0.7.255')},38803,Gtelecom Pty Ltd`,
      `${ipv4('2.0.0.0')},${ipv4('2.0.0.255')},201907,"LLC ""SPUTNIK"""`,
      `${ipv4('3.0.0.0')},${ipv4('3.0.0.255')},3320,Deutsche Telekom AG`,
      `${ipv4('3.0.1.0')},${ipv4('3.0.1.255')},3320,Another Name For The Same AS`,
      `${ipv4('4.0.0.0')},${ipv4('4.0.0.9')},64500,Ünïcödé Networks`,
    ),
    csv(
      '2001::,2001::ffff:ffff:ffff:ffff:ffff:ffff,6939,Hurricane Electric LLC',
      '2001:218:2000:2::,2001:218:2000:2:ffff:ffff:ffff:ffff,2914,"NTT America, Inc."',
      '2a00:1450:4001:0:0:0:0:0,2a00:1450:4001:ffff:ffff:ffff:ffff:ffff,15169,Google LLC',
    ),
  );

  it('finds the organisation of an address inside a range, at both ends', () => {
    assert.equal(table.lookupIpv4(ipv4('1.0.0.0')), 'Cloudflare, Inc.');
    assert.equal(table.lookupIpv4(ipv4('1.0.0.128')), 'Cloudflare, Inc.');
    assert.equal(table.lookupIpv4(ipv4('1.0.0.255')), 'Cloudflare, Inc.');
    assert.equal(table.lookupIpv4(ipv4('1.0.5.1')), 'Gtelecom Pty Ltd');
  });

  it('knows nothing between ranges, before the first and after the last', () => {
    assert.equal(table.lookupIpv4(ipv4('1.0.1.0')), null);
    assert.equal(table.lookupIpv4(ipv4('0.255.255.255')), null);
    assert.equal(table.lookupIpv4(ipv4('4.0.0.10')), null);
    assert.equal(table.lookupIpv4(0xffffffff), null);
  });

  it('reads quoted names with doubled quotes, and UTF-8', () => {
    assert.equal(table.lookupIpv4(ipv4('2.0.0.1')), 'LLC "SPUTNIK"');
    assert.equal(table.lookupIpv4(ipv4('4.0.0.1')), 'Ünïcödé Networks');
  });

  it('names an AS by its first row', () => {
    assert.equal(table.lookupIpv4(ipv4('3.0.1.1')), 'Deutsche Telekom AG');
  });

  it('reads IPv6 ranges written with :: anywhere and in full', () => {
    assert.equal(table.lookupIpv6([0x20010000, 0, 0, 1]), 'Hurricane Electric LLC');
    assert.equal(table.lookupIpv6([0x20010218, 0x20000002, 0xffffffff, 0xffffffff]), 'NTT America, Inc.');
    assert.equal(table.lookupIpv6([0x20010218, 0x20000001, 0xffffffff, 0xffffffff]), null);
    assert.equal(table.lookupIpv6([0x2a001450, 0x40010abc, 0, 0x200e]), 'Google LLC');
    assert.deepEqual(table.size, { ipv4: 6, ipv6: 3 });
  });

  it('leaves out a row overlapping the one before, and malformed rows, when they are few', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${i * 10},${i * 10 + 9},${i + 1},AS ${i + 1}`);
    rows.splice(100, 0, '995,1100,999,Overlapping', 'not,a,row', '2000001,2000000,7,End before start');
    const lenient = new AsnTable(csv(...rows), NONE);
    assert.equal(lenient.skippedRows, 3);
    assert.equal(lenient.size.ipv4, 300);
    assert.equal(lenient.lookupIpv4(1005), 'AS 101');
  });

  it('refuses a file whose rows are mostly not ranges: a package that changed its format', () => {
    assert.throws(() => new AsnTable(csv('start,end,asn,name', '1.0.0.0,1.0.0.255,13335,Cloudflare'), NONE), /2 of 2 rows/);
    assert.throws(() => new AsnTable(NONE, csv('1.0.0.0,1.0.0.255,13335,Cloudflare')), /1 of 1 rows/);
  });
});

describe('the installed @ip-location-db/asn', () => {
  const require = createRequire(import.meta.url);
  const file = (name: string) => readFileSync(require.resolve(`@ip-location-db/asn/${name}`));

  it('reads the IPv6 text file to the same ranges as the numeric one', () => {
    const table = new AsnTable(NONE, file('asn-ipv6.csv'));
    assert.equal(table.skippedRows, 0);
    const rows = file('asn-ipv6-num.csv').toString('utf8').trim().split('\n');
    assert.equal(table.size.ipv6, rows.length);
    const words = (value: bigint) => [96n, 64n, 32n, 0n].map((shift) => Number((value >> shift) & 0xffffffffn));
    for (let i = 0; i < rows.length; i += 97) {
      const [start, end] = rows[i].split(',', 2).map(BigInt);
      const name = table.lookupIpv6(words(start));
      assert.ok(name, rows[i]);
      assert.equal(table.lookupIpv6(words(end)), name, rows[i]);
      assert.equal(table.lookupIpv6(words((start + end) / 2n)), name, rows[i]);
    }
  });

  it('reads the IPv4 file, leaving out only the rows that overlap', () => {
    const table = new AsnTable(file('asn-ipv4-num.csv'), NONE);
    assert.ok(table.size.ipv4 > 400_000, String(table.size.ipv4));
    assert.ok(table.skippedRows < 10, String(table.skippedRows));
  });
});
