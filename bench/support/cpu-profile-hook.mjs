// Preloaded (node --import) into an instance by bench/gift-cost.ts: the first SIGUSR2 starts a
// V8 CPU profile and counters, the next writes them to $GIFT_COST_PROFILE/<pid>-<n>.cpuprofile
// and <pid>-<n>.counts.json (HTTP requests the server took, by route; SQL statements sent by
// `pg`), so each measured phase has its own profile and counts.
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { Session } from "node:inspector";
const dir = process.env.GIFT_COST_PROFILE;
let session = null;
let count = 0;
let counts = null;
const bump = (key) => {
  if (counts) counts[key] = (counts[key] ?? 0) + 1;
};

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (name, request, ...rest) {
  if (name === "request") {
    const url = String(request.url).split("?")[0];
    bump(`http ${request.method} ${url.replace(/\/(cs|cus|pi|ch|evt|cos)_[A-Za-z0-9_]+/g, "/:id").replace(/\/campaigns\/[^/]+$/, "/campaigns/:slug")}`);
  }
  return emit.call(this, name, request, ...rest);
};
try {
  // The app's own copy of pg (CommonJS, shared through the require cache).
  const pg = createRequire(path.join(process.cwd(), "package.json"))("pg");
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    const text = typeof config === "string" ? config : (config?.text ?? "");
    bump(`sql ${text.replace(/\s+/g, " ").slice(0, 60)}`);
    bump("sql (all)");
    return query.call(this, config, ...rest);
  };
} catch {
  // no pg: PGlite
}

process.on("SIGUSR2", () => {
  if (!session) {
    counts = {};
    session = new Session();
    session.connect();
    session.post("Profiler.enable");
    session.post("Profiler.setSamplingInterval", { interval: 500 });
    session.post("Profiler.start");
    return;
  }
  const current = session;
  const phaseCounts = counts;
  session = null;
  counts = null;
  const n = ++count;
  current.post("Profiler.stop", (error, result) => {
    if (!error) fs.writeFileSync(path.join(dir, `${process.pid}-${n}.cpuprofile`), JSON.stringify(result.profile));
    fs.writeFileSync(
      path.join(dir, `${process.pid}-${n}.counts.json`),
      JSON.stringify(Object.fromEntries(Object.entries(phaseCounts).sort((a, b) => b[1] - a[1])), null, 1),
    );
    current.disconnect();
  });
});
