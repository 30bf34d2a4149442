/**
 * The messages between the loader on the host page (lib/embed/loader/embed-loader.js) and an
 * embed page in its frame. Namespaced, and each side checks the other's origin and window
 * before reading one. They carry only what the widget needs: never anything the donor typed.
 *
 * frame → host: "ready" (the page loaded: show the frame, hide the link), "size" (height in
 * CSS pixels), "open" (the progress widget's Give: open the form), "close" (Escape inside the
 * overlay), "checkout-opened" (payment continues in a new tab).
 * host → frame: "hello", with the host page's address (origin and path, no query), so a gift
 * can record where it came from and the thank-you page can lead back there.
 */
export const EMBED_MESSAGE_NAMESPACE = "lantern-embed";

export type FrameMessage = { type: "ready" } | { type: "size"; height: number } | { type: "open" } | { type: "close" } | { type: "checkout-opened" };

/**
 * Runs inline in an embed page, before its scripts load: tells the host page at once that the
 * frame rendered (a frame the browser refused never sends it, so the loader keeps the plain
 * link), and keeps the host's "hello" for the page's script, which may load after it arrives.
 * It also names the frame's main landmark: two widgets on one host page would otherwise be two
 * unnamed "main" landmarks (the root layout cannot know it is in a frame). `overlayLabel` is the
 * name inside the donate button's overlay (?via=button or progress), beside an inline form.
 */
export function embedReadyScript(label: string, overlayLabel = label): string {
  const json = (text: string) => JSON.stringify(text).replace(/</g, "\\u003c");
  return `(function(){var w=window,p=w.parent,n=${JSON.stringify(EMBED_MESSAGE_NAMESPACE)},m=document.getElementById("main"),v=/[?&]via=(button|progress)\\b/.test(location.search);if(m)m.setAttribute("aria-label",v?${json(overlayLabel)}:${json(label)});if(p===w)return;w.addEventListener("message",function(e){var d=e.data;if(e.source!==p||w.__lanternHost||!d||d.ns!==n||d.type!=="hello")return;w.__lanternHost={origin:e.origin,page:typeof d.page==="string"?d.page:null};w.dispatchEvent(new Event("lantern-host"))});p.postMessage({ns:n,type:"ready"},"*")})()`;
}
