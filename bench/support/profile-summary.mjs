// Sums a V8 CPU profile of a `next start` instance (bench/gift-cost.ts) by what the time was
// spent on, mapping the build's chunks back to source files through their source maps:
//   node bench/support/profile-summary.mjs <file.cpuprofile>
// Each sample goes to the innermost frame that matches a category below; async work that Next
// runs from its own microtasks has no app frame on the stack and lands under "Next.js".
import fs from "node:fs";
import { SourceMap } from "node:module";

const CATEGORIES = [
  [/stripe-emulator\/src\/persistence/, "Stripe emulator: saving its state"],
  [/stripe-emulator\/src\/webhook-delivery/, "Stripe emulator: signing and sending webhooks"],
  [/stripe-emulator/, "Stripe emulator: API and checkout page"],
  [/lib\/email|react-email|html-to-text|emails\//, "receipt email (render, dev mailbox)"],
  [/lib\/payments\/webhooks|lib\/donations|lib\/ledger|app\/api\/webhooks/, "webhook handler and ledger (JS)"],
  [/lib\/cache/, "cache tags"],
  [/app\/campaigns|app\/_components|app\/home|lib\/campaigns/, "campaign page render and data"],
  [/nm\/react-dom|nm\/next\/dist\/compiled\/react/, "React rendering"],
  [/nm\/(pg|pg-protocol|pg-pool|drizzle-orm)\//, "PostgreSQL client and Drizzle"],
  [/nm\/stripe\//, "stripe SDK"],
  [/nm\/next\//, "Next.js (routing, request handling, caches)"],
];

const profile = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
const maps = new Map();
function sourceMapOf(url) {
  if (!maps.has(url)) {
    let map = null;
    try {
      const file = url.startsWith("file://") ? new URL(url).pathname : url;
      if (fs.existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8")));
    } catch {
      // no usable map
    }
    maps.set(url, map);
  }
  return maps.get(url);
}
const names = new Map();
function nameOf(id) {
  if (!names.has(id)) {
    const frame = nodes.get(id).callFrame;
    let source = frame.url || "(native)";
    const entry = frame.url ? sourceMapOf(frame.url)?.findEntry(frame.lineNumber, frame.columnNumber) : null;
    if (entry?.originalSource) source = entry.originalSource;
    names.set(id, `${frame.functionName || "(anonymous)"} ${source.replace(/^.*?node_modules\//, "nm/")}`);
  }
  return names.get(id);
}

const byCategory = new Map();
let busy = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const weight = profile.timeDeltas[i] ?? 0;
  const leaf = nodes.get(profile.samples[i]).callFrame.functionName;
  if (leaf === "(idle)") continue;
  busy += weight;
  let category = leaf === "(garbage collector)" ? "garbage collector" : null;
  for (let id = profile.samples[i]; !category && id !== undefined; id = parents.get(id)) {
    category = CATEGORIES.find(([pattern]) => pattern.test(nameOf(id)))?.[1] ?? null;
  }
  category ??= "other (Node.js: sockets, streams, timers)";
  byCategory.set(category, (byCategory.get(category) ?? 0) + weight);
}
console.log(`busy ${(busy / 1000).toFixed(0)} ms`);
for (const [category, micros] of [...byCategory].sort((a, b) => b[1] - a[1])) {
  console.log(`${(micros / 1000).toFixed(0).padStart(7)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${category}`);
}
