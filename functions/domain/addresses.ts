/**
 * Which network addresses a webhook may reach. A merchant chooses the URL, so without this a
 * webhook could be aimed at our own side of the network: the Lambda runtime API on 127.0.0.1:9001,
 * instance metadata on 169.254.169.254, or private services. Only public unicast addresses pass;
 * loopback passes too where the deployment allows it (the local cloud, for receivers on the
 * developer's machine).
 */
import { BlockList, isIP } from 'node:net';

const notPublic = new BlockList();
for (const [network, prefix] of [
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
  notPublic.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['100::', 64],
  ['2001:db8::', 32],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  notPublic.addSubnet(network, prefix, 'ipv6');
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is. */
const unmapped = (address: string) => /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? address;

const isLoopbackAddress = (address: string) => {
  const plain = unmapped(address);
  const family = isIP(plain);
  return family !== 0 && loopback.check(plain, family === 4 ? 'ipv4' : 'ipv6');
};

/** True if a webhook may connect to `address` (an IP literal). */
export const isAllowedWebhookAddress = (address: string, allowLoopback: boolean): boolean => {
  const plain = unmapped(address);
  const family = isIP(plain);
  if (family === 0) return false;
  if (allowLoopback && isLoopbackAddress(plain)) return true;
  return !notPublic.check(plain, family === 4 ? 'ipv4' : 'ipv6');
};
