/**
 * The end of an article: a call to give to this campaign, linking to the page's one donation
 * panel (#give) rather than repeating the form. On phones the button also rides along at the
 * bottom of the screen while the article is read (CSS sticky within the article), and comes to
 * rest here at its end.
 */
export function GiveCall({ title }: { title: string }) {
  return (
    <>
      <section id="article-end" aria-labelledby="give-call-heading" className="mt-12 scroll-mt-4 rounded-2xl border border-brand-100 bg-brand-50 p-6">
        <h2 id="give-call-heading" className="font-serif text-2xl font-bold">
          Stand with them
        </h2>
        <p className="mt-2">If this story moved you, a gift to “{title}” puts it to work.</p>
      </section>
      <div className="sticky bottom-0 z-10 -mx-4 border-t border-stone-200 bg-paper/95 px-4 py-3 lg:static lg:mx-0 lg:border-0 lg:bg-transparent lg:px-0">
        <a href="#give" className="block rounded-full bg-brand-700 px-6 py-3 text-center text-lg font-bold text-white hover:bg-brand-800 lg:inline-block">
          Give to this campaign
        </a>
      </div>
    </>
  );
}
