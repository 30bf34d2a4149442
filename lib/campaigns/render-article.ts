import "server-only";
import type { Executor } from "@/db/database";
import { findImages } from "@/lib/images/image-records";
import { referencedImageIds } from "@/lib/images/image-urls";
import { renderCampaignMarkdown } from "./render-markdown";

/** Renders Markdown with the uploaded images it refers to (an article, an update, a preview). */
export async function renderMarkdownWithImages(db: Executor, markdown: string): Promise<string> {
  return renderCampaignMarkdown(markdown, await findImages(db, referencedImageIds(markdown)));
}
