/**
 * Client IP address policy (`--ip full|truncated|none`).
 * @packageDocumentation
 */

import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/** How much of the client IP address is stored. */
export type IpMode = 'full' | 'truncated' | 'none';

/** The accepted `--ip` values. */
export const IP_MODES: readonly IpMode[] = ['full', 'truncated', 'none'];

/** IPv6 groups kept by `truncated`: 48 bits, a site's prefix, never the host. */
const KEPT_IPV6_GROUPS = 3;

/**
 * Apply an IP policy. IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, as a
 * dual-stack socket reports IPv4 clients) are treated as the IPv4 address.
 * A zone id (`%eth0`) names an interface of this host, not the client, and is
 * dropped. `truncated` zeroes the last IPv4 octet or the last 80 bits of an
 * IPv6 address. Anything that is not an IP address is stored as null.
 */
export function applyIpPolicy(address: string | undefined, mode: IpMode): string | null {
  if (mode === 'none' || !address) return null;
  // node:net accepts only the forms sockets and proxies write; ipaddr.js alone
  // would also read "127.1" or "0x7f.0.0.1" as addresses.
  if (!isIP(address)) return null;
  const parsed = ipaddr.parse(address);
  const ip = parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress() ? parsed.toIPv4Address() : parsed;
  if (ip instanceof ipaddr.IPv4) {
    if (mode === 'full') return ip.toString();
    const [a, b, c] = ip.octets;
    return `${a}.${b}.${c}.0`;
  }
  // Full: the address as written (an embedded IPv4 tail stays dotted), without its zone.
  if (mode === 'full') return address.replace(/%.*$/, '');
  const parts = ip.parts.map((part, i) => (i < KEPT_IPV6_GROUPS ? part : 0));
  return new ipaddr.IPv6(parts).toString();
}
