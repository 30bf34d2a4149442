// @ts-check
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS: next.config.js loads it without a compiler
const os = require("node:os");

/**
 * The hosts `next dev` accepts its own dev requests from (Next's `allowedDevOrigins`): the
 * loopback names and every address of this machine, so the dev server works when browsed at
 * http://127.0.0.1:3000 or the LAN address Next prints, not only at localhost. Next blocks its
 * scripts' dev connection (HMR, the client's chunks) from any other origin, which leaves forms
 * unhydrated. Derived from the machine's interfaces, so nothing is hard-coded per computer.
 *
 * @param {NodeJS.Dict<os.NetworkInterfaceInfo[]>} [interfaces]
 * @returns {string[]}
 */
function devOrigins(interfaces = os.networkInterfaces()) {
  const hosts = new Set(["localhost", "127.0.0.1", "[::1]", os.hostname().toLowerCase()]);
  for (const addresses of Object.values(interfaces)) {
    for (const address of addresses ?? []) {
      // Next compares the Origin's hostname, which keeps an IPv6 address in brackets.
      hosts.add(address.family === "IPv6" ? `[${address.address.split("%")[0]}]` : address.address);
    }
  }
  return [...hosts].filter(Boolean);
}

module.exports = { devOrigins };
