import { BlockList, isIP } from 'node:net';

// Every range a server-side fetch must not reach: the host itself, private networks, link-local (where cloud metadata
// services answer, 169.254.169.254 and fd00:ec2::254), carrier-grade NAT, documentation/benchmark ranges, multicast
// and reserved space. IPv6 prefixes that embed an IPv4 address (NAT64, 6to4, Teredo) are refused as a whole, since
// the embedded address could be any of the above. node's BlockList also matches IPv4-mapped IPv6 addresses
// (::ffff:127.0.0.1, ::ffff:7f00:1) against the IPv4 rules.
const BLOCKED = new BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(prefix, bits, 'ipv6');
}

/**
 * True for an address a server-side fetch must not connect to; anything that is not an IP address counts as
 * blocked too (only resolved addresses are ever checked).
 */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address);
  if (version === 4) return BLOCKED.check(address, 'ipv4');
  if (version !== 6) return true;
  // IPv4-mapped addresses (::ffff:127.0.0.1, ::ffff:7f00:1) are matched against the IPv4 rules by BlockList.
  return BLOCKED.check(address, 'ipv6');
}
