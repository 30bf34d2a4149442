/**
 * The public pages' one visual system, shared so cards, panels, headings and buttons agree:
 * one radius (rounded-2xl for surfaces, full for buttons), one border and one shadow.
 */
export const SURFACE = "rounded-2xl border border-stone-200 bg-white shadow-sm";
export const SECTION_HEADING = "font-serif text-2xl font-bold";
export const PRIMARY_BUTTON = "rounded-full bg-brand-700 px-6 py-3 text-center font-bold text-white hover:bg-brand-800";

/** An article's Markdown: its headings stay below the page title (text-3xl/4xl). */
export const ARTICLE_PROSE =
  "prose prose-stone max-w-none prose-headings:font-serif prose-h1:text-2xl prose-h2:text-2xl prose-h3:text-xl prose-h4:text-lg prose-blockquote:border-brand-700 prose-a:text-brand-700";

/** An update's Markdown: its headings stay below the update's own title (text-xl). */
export const UPDATE_PROSE =
  "prose prose-stone max-w-none prose-headings:font-serif prose-h1:text-lg prose-h2:text-lg prose-h3:text-base prose-h4:text-base prose-a:text-brand-700";
