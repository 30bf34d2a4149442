/** Next.js start-up hook; the work lives in a Node-only module so the Edge bundle stays clean. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareServer } = await import("./lib/server-startup");
    await prepareServer();
  }
}
