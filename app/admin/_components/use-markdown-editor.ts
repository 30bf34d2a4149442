"use client";

import { useEffect, useRef, useState, useTransition } from "react";

/**
 * What a Markdown editor form shares: after a refused save, focus moves to the list of
 * problems (keyboard and screen-reader users land on it); "Preview" renders the text with the
 * same renderer and sanitizer as the public page, through an admin-only action.
 */
export function useMarkdownEditor(attempt: number, renderPreview: (markdown: string) => Promise<string>) {
  const sourceRef = useRef<HTMLTextAreaElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);
  const [previewHtml, setPreviewHtml] = useState<string | null>(null);
  const [previewing, startPreview] = useTransition();
  const showPreview = () => startPreview(async () => setPreviewHtml(await renderPreview(sourceRef.current?.value ?? "")));
  return { sourceRef, summaryRef, previewHtml, previewing, showPreview };
}
