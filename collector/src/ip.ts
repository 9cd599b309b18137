/**
 * Client IP address policy (`--ip full|truncated|none`).
 * @packageDocumentation
 */

import { isIPv4, isIPv6 } from 'node:net';

/** How much of the client IP address is stored. */
export type IpMode = 'full' | 'truncated' | 'none';

/** The accepted `--ip` values. */
export const IP_MODES: readonly IpMode[] = ['full', 'truncated', 'none'];

const MAPPED_V4 = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * Apply an IP policy. IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, as a
 * dual-stack socket reports IPv4 clients) are treated as the IPv4 address.
 * `truncated` zeroes the last IPv4 octet or the last 80 bits of an IPv6 address.
 * Anything that is not an IP address is stored as null.
 */
export function applyIpPolicy(address: string | undefined, mode: IpMode): string | null {
  if (mode === 'none' || !address) return null;
  const unzoned = address.replace(/%.*$/, '');
  const ip = MAPPED_V4.exec(unzoned)?.[1] ?? unzoned;
  if (isIPv4(ip)) return mode === 'full' ? ip : ip.replace(/\.\d+$/, '.0');
  if (isIPv6(ip)) return mode === 'full' ? ip : truncateIpv6(ip);
  return null;
}

/** Keep the first 48 bits (three groups) of an IPv6 address. */
function truncateIpv6(ip: string): string {
  const groups = expandIpv6(ip).slice(0, 3).map((group) => group.toString(16));
  while (groups.at(-1) === '0') groups.pop();
  return `${groups.join(':')}::`;
}

/** The eight 16-bit groups of a valid IPv6 address (embedded IPv4 tail included). */
function expandIpv6(ip: string): number[] {
  let text = ip;
  const v4Tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4Tail) {
    const [a, b, c, d] = v4Tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4Tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string): number[] => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}
