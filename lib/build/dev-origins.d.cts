/** Types for dev-origins.cjs (plain JavaScript: next.config.js loads it without a compiler). */
import type { NetworkInterfaceInfo } from "node:os";
export declare function devOrigins(interfaces?: NodeJS.Dict<NetworkInterfaceInfo[]>): string[];
