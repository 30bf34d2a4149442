"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * Re-renders the current page from the server while something is pending (a gift being
 * confirmed): soon at first, then less often, and not forever.
 */
export function RefreshSoon({ seconds, maxAttempts = 20 }: { seconds: number; maxAttempts?: number }) {
  const router = useRouter();
  const [attempts, setAttempts] = useState(0);
  useEffect(() => {
    if (attempts >= maxAttempts) return;
    const delay = Math.min(seconds * 1000 * 1.5 ** attempts, 15_000);
    const timer = window.setTimeout(() => {
      setAttempts((count) => count + 1);
      router.refresh();
    }, delay);
    return () => window.clearTimeout(timer);
  }, [attempts, maxAttempts, router, seconds]);
  return null;
}
