/**
 * The IP→ASN database (`@ip-location-db/asn`, CSV rows
 * `range_start,range_end,as_number,as_organisation`) held as sorted typed
 * arrays: about 0.5 million ranges in a few megabytes, looked up by binary
 * search in well under a microsecond.
 * @packageDocumentation
 */

/** Longest organisation name kept; the database's longest is far shorter. */
const MAX_NAME_LENGTH = 200;

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const COLON = 0x3a;

/** IP ranges and the organisation of each, for one address family. */
interface Ranges {
  /** Range starts, ascending: one number per IPv4 range, four (most significant first) per IPv6 range. */
  starts: Uint32Array;
  /** Inclusive range ends, in the same layout. */
  ends: Uint32Array;
  /** Index into {@link AsnTable.organisations} for each range. */
  organisation: Uint32Array;
  /** How many ranges are filled in. */
  count: number;
}

/** The organisation (ISP) owning an IP address, from the ASN database. */
export class AsnTable {
  private readonly organisations: string[] = [];
  private readonly organisationByAsn = new Map<number, number>();
  private readonly v4: Ranges;
  private readonly v6: Ranges;
  private lastAsn = -1;
  private lastIndex = 0;
  /** Rows left out: malformed, or overlapping the row before. */
  skippedRows = 0;

  /**
   * @param ipv4Csv - `asn-ipv4-num.csv`: ranges as unsigned 32-bit numbers.
   * @param ipv6Csv - `asn-ipv6.csv`: ranges as IPv6 text.
   * @throws when more than 1 % of a file's rows are not address ranges in
   *   order (a package that changed its format): the collector then stops at
   *   start instead of naming ISPs wrongly.
   */
  constructor(ipv4Csv: Buffer, ipv6Csv: Buffer) {
    this.v4 = this.parse(ipv4Csv, 1, readIpv4Number);
    this.v6 = this.parse(ipv6Csv, 4, readIpv6Text);
  }

  /** Number of IPv4 and IPv6 ranges. */
  get size(): { ipv4: number; ipv6: number } {
    return { ipv4: this.v4.count, ipv6: this.v6.count };
  }

  /** Organisation owning an IPv4 address (as an unsigned 32-bit number), or null. */
  lookupIpv4(address: number): string | null {
    const { starts, ends, organisation, count } = this.v4;
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (starts[middle] <= address) low = middle + 1;
      else high = middle - 1;
    }
    return high >= 0 && address <= ends[high] ? this.organisations[organisation[high]] : null;
  }

  /** Organisation owning an IPv6 address (four 32-bit words, most significant first), or null. */
  lookupIpv6(words: readonly number[]): string | null {
    const { starts, ends, organisation, count } = this.v6;
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (compareWords(starts, middle * 4, words) <= 0) low = middle + 1;
      else high = middle - 1;
    }
    return high >= 0 && compareWords(ends, high * 4, words) >= 0 ? this.organisations[organisation[high]] : null;
  }

  /** Read every row of one CSV file; `width` numbers make one address. */
  private parse(csv: Buffer, width: number, readAddress: AddressReader): Ranges {
    const capacity = countLines(csv);
    const ranges: Ranges = {
      starts: new Uint32Array(capacity * width),
      ends: new Uint32Array(capacity * width),
      organisation: new Uint32Array(capacity),
      count: 0,
    };
    const cursor = { position: 0 };
    let rows = 0;
    let skipped = 0;
    while (cursor.position < csv.length) {
      const rowStart = cursor.position;
      rows++;
      const at = ranges.count * width;
      const valid =
        readAddress(csv, cursor, ranges.starts, at) &&
        readAddress(csv, cursor, ranges.ends, at) &&
        compareStored(ranges.ends, at, ranges.starts, at, width) >= 0 &&
        // Binary search needs ranges in order and apart: a row overlapping the previous one is left out.
        (ranges.count === 0 || compareStored(ranges.starts, at, ranges.ends, at - width, width) > 0);
      const asn = valid ? readNumber(csv, cursor, COMMA) : null;
      const name = asn === null ? null : readLastField(csv, cursor);
      if (asn === null || name === null) {
        skipped++;
        cursor.position = skipLine(csv, rowStart);
        continue;
      }
      ranges.organisation[ranges.count++] = this.organisationIndex(asn, name, csv);
    }
    // A few odd rows are the data's; many mean the package changed its format.
    if (skipped > rows / 100) throw new Error(`ASN database: ${skipped} of ${rows} rows are not address ranges in order`);
    this.skippedRows += skipped;
    return ranges;
  }

  /** One entry per AS number: the name is decoded only the first time its number is seen. */
  private organisationIndex(asn: number, name: { start: number; end: number; quoted: boolean }, csv: Buffer): number {
    // Neighbouring rows often share their AS: skip the map then.
    if (asn === this.lastAsn) return this.lastIndex;
    let index = this.organisationByAsn.get(asn);
    if (index === undefined) {
      let text = csv.toString('utf8', name.start, name.end);
      if (name.quoted) text = text.replaceAll('""', '"');
      index = this.organisations.push(text.trim().slice(0, MAX_NAME_LENGTH) || `AS${asn}`) - 1;
      this.organisationByAsn.set(asn, index);
    }
    this.lastAsn = asn;
    this.lastIndex = index;
    return index;
  }
}

type AddressReader = (csv: Buffer, cursor: { position: number }, into: Uint32Array, at: number) => boolean;

/** An IPv4 address written as a decimal number, then a comma. */
const readIpv4Number: AddressReader = (csv, cursor, into, at) => {
  const value = readNumber(csv, cursor, COMMA);
  if (value === null || value > 0xffffffff) return false;
  into[at] = value;
  return true;
};

/** Hex groups of the IPv6 address being read (reused: the load reads 200,000 addresses). */
const groups = new Uint16Array(8);

/** An IPv6 address in text form (hex groups, at most one `::`, no dotted IPv4 tail), then a comma. */
const readIpv6Text: AddressReader = (csv, cursor, into, at) => {
  const comma = csv.indexOf(COMMA, cursor.position);
  if (comma < 0) return false;
  let position = cursor.position;
  let count = 0;
  let gapAt = -1;
  if (csv[position] === COLON) {
    if (csv[position + 1] !== COLON) return false;
    gapAt = 0;
    position += 2;
  }
  while (position < comma) {
    let value = 0;
    let digits = 0;
    for (let digit = hexDigit(csv[position]); digit >= 0 && position < comma; digit = hexDigit(csv[++position])) {
      value = value * 16 + digit;
      digits++;
    }
    if (digits === 0 || digits > 4 || count === 8) return false;
    groups[count++] = value;
    if (position === comma) break;
    if (csv[position++] !== COLON || position === comma) return false;
    if (csv[position] === COLON) {
      if (gapAt >= 0) return false;
      gapAt = count;
      position++;
    }
  }
  if (gapAt < 0 ? count !== 8 : count > 7) return false;
  const zeros = 8 - count;
  for (let word = 0; word < 4; word++) {
    const high = groupAt(word * 2, gapAt, zeros);
    const low = groupAt(word * 2 + 1, gapAt, zeros);
    into[at + word] = high * 0x10000 + low;
  }
  cursor.position = comma + 1;
  return true;
};

/** Group `index` of the full eight, with the `::` gap (at `gapAt`, `zeros` long) filled in. */
function groupAt(index: number, gapAt: number, zeros: number): number {
  if (gapAt < 0 || index < gapAt) return groups[index];
  return index < gapAt + zeros ? 0 : groups[index - zeros];
}

function hexDigit(byte: number | undefined): number {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  return -1;
}

/** A decimal number up to `separator` (consumed), or null. Stays exact up to 2^53. */
function readNumber(csv: Uint8Array, cursor: { position: number }, separator: number): number | null {
  let position = cursor.position;
  let value = 0;
  let digits = 0;
  for (;;) {
    const byte = csv[position++];
    if (byte >= 0x30 && byte <= 0x39) {
      if (++digits > 15) return null;
      value = value * 10 + (byte - 0x30);
    } else if (byte === separator && digits > 0) {
      cursor.position = position;
      return value;
    } else {
      return null;
    }
  }
}

/** Bounds of the last field of a row (quoted or not), or null; moves past the end of the line. */
function readLastField(csv: Uint8Array, cursor: { position: number }): { start: number; end: number; quoted: boolean } | null {
  const start = cursor.position;
  if (csv[start] === QUOTE) {
    let position = start + 1;
    for (;;) {
      const quote = csv.indexOf(QUOTE, position);
      if (quote < 0) return null;
      if (csv[quote + 1] === QUOTE) {
        position = quote + 2;
        continue;
      }
      cursor.position = skipLine(csv, quote + 1);
      return { start: start + 1, end: quote, quoted: true };
    }
  }
  let end = csv.indexOf(NEWLINE, start);
  if (end < 0) end = csv.length;
  cursor.position = end + 1;
  return { start, end: end > start && csv[end - 1] === 0x0d ? end - 1 : end, quoted: false };
}

function skipLine(csv: Uint8Array, from: number): number {
  const end = csv.indexOf(NEWLINE, from);
  return end < 0 ? csv.length : end + 1;
}

function countLines(csv: Uint8Array): number {
  let lines = 0;
  for (let position = csv.indexOf(NEWLINE); position >= 0; position = csv.indexOf(NEWLINE, position + 1)) lines++;
  return csv.length > 0 && csv[csv.length - 1] !== NEWLINE ? lines + 1 : lines;
}

/** Compare the stored address at `offset` with a four-word address. */
function compareWords(stored: Uint32Array, offset: number, words: readonly number[]): number {
  for (let i = 0; i < 4; i++) {
    const difference = stored[offset + i] - words[i];
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Compare two stored addresses of `width` words. */
function compareStored(a: Uint32Array, aOffset: number, b: Uint32Array, bOffset: number, width: number): number {
  for (let i = 0; i < width; i++) {
    const difference = a[aOffset + i] - b[bOffset + i];
    if (difference !== 0) return difference;
  }
  return 0;
}
