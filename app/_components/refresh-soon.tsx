"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the current page from the server after a pause (while a gift is being confirmed). */
export function RefreshSoon({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = window.setTimeout(() => router.refresh(), seconds * 1000);
    return () => window.clearTimeout(timer);
  });
  return null;
}
