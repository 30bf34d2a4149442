/**
 * The ceiling: a bare Node HTTP server answering every request with the campaign page's exact
 * bytes (read from BENCH_RAW_FILE). Run as its own process so it does not share the load
 * generator's event loop.
 */
import fs from "node:fs";
import http from "node:http";

const body = fs.readFileSync(process.env.BENCH_RAW_FILE!);
http
  .createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-length": body.length });
    response.end(body);
  })
  .listen(Number(process.env.BENCH_RAW_PORT), "127.0.0.1");
