/**
 * Which client addresses the offline databases can place, in the form they are looked up.
 * @packageDocumentation
 */

import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/** A public address: IPv4 as one unsigned 32-bit number, IPv6 as four (most significant first). */
export type PublicAddress =
  { version: 4; value: number; text: string } | { version: 6; words: readonly [number, number, number, number]; text: string };

/**
 * The address in lookup form, or null when no database can place it: invalid
 * text, private, loopback, link-local, carrier-grade NAT, multicast,
 * documentation, reserved and every other special-purpose range (the databases
 * carry stray rows for some of them, e.g. a country for 192.168.1.1). An
 * IPv4-mapped IPv6 address (`::ffff:a.b.c.d`, how a dual-stack socket reports
 * an IPv4 client) is the IPv4 address; a zone id (`%eth0`) is dropped.
 */
export function publicAddress(address: string | undefined): PublicAddress | null {
  // node:net accepts only the forms sockets and proxies write; ipaddr.js alone
  // would also read "127.1" or "0x7f.0.0.1" as addresses.
  if (!address || address.length > 64 || !isIP(address)) return null;
  const parsed = ipaddr.parse(address);
  const ip = parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress() ? parsed.toIPv4Address() : parsed;
  if (ip.range() !== 'unicast') return null;
  if (ip instanceof ipaddr.IPv4) {
    const [a, b, c, d] = ip.octets;
    return { version: 4, value: ((a << 24) | (b << 16) | (c << 8) | d) >>> 0, text: ip.toString() };
  }
  const p = ip.parts;
  return {
    version: 6,
    words: [((p[0] << 16) | p[1]) >>> 0, ((p[2] << 16) | p[3]) >>> 0, ((p[4] << 16) | p[5]) >>> 0, ((p[6] << 16) | p[7]) >>> 0],
    text: ip.toNormalizedString(),
  };
}
