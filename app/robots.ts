import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

export default function robots(): MetadataRoute.Robots {
  const base = env().APP_URL.replace(/\/$/, "");
  return {
    rules: { userAgent: "*", allow: "/", disallow: ["/admin", "/api/", "/donate/thank-you", "/dev/", "/stripe-emulator/"] },
    sitemap: `${base}/sitemap.xml`,
  };
}
