import type { Instrumentation } from "next";

/** Next.js start-up hook; the work lives in a Node-only module so the Edge bundle stays clean. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareServer } = await import("./lib/server-startup");
    await prepareServer();
  }
}

/** An error thrown while serving a request: logged with the request's id and counted (lib/observability/request-errors.ts). */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { reportRequestError } = await import("./lib/observability/request-errors");
  reportRequestError(error, request, context);
};
