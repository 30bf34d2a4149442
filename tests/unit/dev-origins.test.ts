import os from "node:os";
import { describe, expect, it } from "vitest";
import { devOrigins } from "@/lib/build/dev-origins.cjs";
import { createRequire } from "node:module";

const nextConfig = createRequire(import.meta.url)("../../next.config.js") as { allowedDevOrigins?: string[] };

describe("dev server origins", () => {
  it("accepts loopback and every address of this machine's interfaces", () => {
    const origins = devOrigins({
      lo: [{ address: "127.0.0.1", family: "IPv4" } as os.NetworkInterfaceInfo, { address: "::1", family: "IPv6" } as os.NetworkInterfaceInfo],
      eth0: [{ address: "192.168.1.23", family: "IPv4" } as os.NetworkInterfaceInfo, { address: "fe80::1%eth0", family: "IPv6" } as os.NetworkInterfaceInfo],
    });
    expect(origins).toEqual(expect.arrayContaining(["localhost", "127.0.0.1", "[::1]", "192.168.1.23", "[fe80::1]"]));
  });

  it("is what next.config.js gives Next, derived from this machine", () => {
    const ownAddresses = Object.values(os.networkInterfaces())
      .flat()
      .filter((address) => address?.family === "IPv4")
      .map((address) => address!.address);
    expect(nextConfig.allowedDevOrigins).toEqual(expect.arrayContaining(["127.0.0.1", "localhost", ...ownAddresses]));
  });
});
