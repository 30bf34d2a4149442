/*
 * Lantern's embed loader (docs/embedding.md), served as /embed.js by lib/embed/loader-script.ts.
 * It turns each link marked data-lantern-embed="button|form|progress" that points at one of this
 * Lantern's campaigns into its widget. The link stays until the widget's frame says it rendered,
 * so without script, with this file blocked or with the frame refused, the link still works.
 * Messages (lib/embed/embed-messages.ts) are read only from this Lantern's origin and from a frame
 * this loader made; they carry sizes and events, never what the donor typed.
 */
(function () {
  var NS = "lantern-embed";
  var w = window;
  var d = document;
  var app;
  try {
    app = new URL(d.currentScript.src).origin;
  } catch {
    return;
  }
  var all = (w.LanternEmbed = w.LanternEmbed || {});
  if (all[app]) return all[app].scan();
  var seen = new WeakSet();
  var frames = [];
  var overlay = null;
  var refresh = false;

  function slugOf(link) {
    var url;
    try {
      url = new URL(link.href, d.baseURI);
    } catch {
      return null;
    }
    var match = url.origin === app && /^\/campaigns\/([a-z0-9-]{1,120})\/?$/.exec(url.pathname);
    return match ? match[1] : null;
  }

  function frameFor(slug, page, via, title, onReady, onRefused) {
    var frame = d.createElement("iframe");
    frame.src = app + "/embed/campaigns/" + slug + "/" + page + "?via=" + via;
    frame.title = title;
    frame.style.cssText = "display:block;width:100%;height:0;border:0;visibility:hidden";
    var entry = { frame: frame, slug: slug, page: page, ready: false, onReady: onReady };
    frame.addEventListener("load", function () {
      // The frame posts "ready" as it is parsed: a load without it is a refused or failed frame.
      setTimeout(function () {
        if (!entry.ready) {
          forget(entry);
          frame.remove();
          onRefused();
        }
      }, 300);
    });
    frames.push(entry);
    return entry;
  }

  function forget(entry) {
    var index = frames.indexOf(entry);
    if (index >= 0) frames.splice(index, 1);
  }

  function titleOf(link, kind) {
    var text = (link.getAttribute("data-lantern-title") || link.textContent || "").trim().slice(0, 100);
    return (kind === "progress" ? "Campaign progress" : "Donation form") + (text ? ": " + text : "");
  }

  function openOverlay(slug, via, title, returnTo, fallback) {
    if (overlay) return;
    var dialog = d.createElement("dialog");
    dialog.setAttribute("aria-label", title);
    dialog.style.cssText =
      "position:fixed;inset:0;width:100%;height:100%;max-width:none;max-height:none;margin:0;padding:16px;box-sizing:border-box;border:0;background:rgba(0,0,0,.6);overflow:auto";
    var panel = d.createElement("div");
    panel.style.cssText = "max-width:420px;margin:0 auto;background:#fff;border-radius:16px;overflow:hidden;color:#1c1917";
    var bar = d.createElement("div");
    bar.style.cssText = "display:flex;justify-content:flex-end;padding:8px 8px 0";
    var close = d.createElement("button");
    close.type = "button";
    close.textContent = "\u00d7";
    close.setAttribute("aria-label", "Close");
    close.autofocus = true;
    close.style.cssText =
      "width:44px;height:44px;border:1px solid #a8a29e;border-radius:50%;background:#fff;color:#1c1917;font:28px/1 sans-serif;cursor:pointer";
    var entry = frameFor(
      slug,
      "form",
      via,
      title,
      function () {},
      function () {
        dialog.close();
        if (fallback) w.location.assign(fallback);
      },
    );
    entry.close = function () {
      dialog.close();
    };
    bar.appendChild(close);
    panel.appendChild(bar);
    panel.appendChild(entry.frame);
    dialog.appendChild(
      stop(function () {
        entry.frame.focus();
      }),
    );
    dialog.appendChild(panel);
    dialog.appendChild(
      stop(function () {
        close.focus();
      }),
    );
    close.addEventListener("click", entry.close);
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    // The modal dialog makes the page inert, but Tab out of the form's frame can still reach
    // the content of another frame on the page: a stop at each end sends focus round instead.
    function stop(onFocus) {
      var span = d.createElement("span");
      span.tabIndex = 0;
      span.style.cssText = "position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)";
      span.addEventListener("focus", onFocus);
      return span;
    }
    function trap(event) {
      if (!dialog.contains(event.target)) close.focus();
    }
    d.addEventListener("focusin", trap);
    dialog.addEventListener("close", function () {
      d.removeEventListener("focusin", trap);
      forget(entry);
      dialog.remove();
      overlay = null;
      if (returnTo) returnTo.focus();
    });
    d.body.appendChild(dialog);
    overlay = dialog;
    dialog.showModal();
  }

  function inline(link, slug, kind) {
    var entry = frameFor(
      slug,
      kind,
      kind,
      titleOf(link, kind),
      function () {
        link.hidden = true;
      },
      function () {},
    );
    entry.link = link;
    link.parentNode.insertBefore(entry.frame, link.nextSibling);
  }

  function scan() {
    var links = d.querySelectorAll("a[data-lantern-embed]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var kind = link.getAttribute("data-lantern-embed");
      var slug = slugOf(link);
      if (seen.has(link) || !slug) continue;
      seen.add(link);
      if (kind === "form" || kind === "progress") inline(link, slug, kind);
      else if (kind === "button")
        link.addEventListener("click", function (event) {
          var target = event.currentTarget;
          if (event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
          event.preventDefault();
          openOverlay(slugOf(target), "button", titleOf(target, "button"), target, target.href);
        });
    }
  }

  w.addEventListener("message", function (event) {
    if (event.origin !== app) return;
    var entry = null;
    for (var i = 0; i < frames.length; i++) if (frames[i].frame.contentWindow === event.source) entry = frames[i];
    var data = event.data;
    if (!entry || !data || data.ns !== NS) return;
    var frame = entry.frame;
    if (data.type === "ready") {
      // Again after each load of the frame (a refreshed widget needs its hello too).
      frame.contentWindow.postMessage({ ns: NS, type: "hello", page: location.origin + location.pathname }, app);
      if (entry.ready) return;
      entry.ready = true;
      frame.style.visibility = "visible";
      if (frame.style.height === "0px") frame.style.height = entry.page === "progress" ? "180px" : "600px";
      entry.onReady();
    } else if (!entry.ready) return;
    else if (data.type === "size" && typeof data.height === "number") frame.style.height = Math.max(40, Math.min(Math.round(data.height), 5000)) + "px";
    else if (data.type === "open" && entry.page === "progress")
      openOverlay(entry.slug, "progress", frame.title.replace("Campaign progress", "Donation form"), frame, null);
    else if (data.type === "close" && entry.close) entry.close();
    else if (data.type === "checkout-opened") refresh = true;
  });

  // Back from the checkout tab: progress widgets show the new total (their pages are cached
  // like the campaign page and refreshed the moment the gift lands).
  function refreshProgress() {
    if (!refresh || d.visibilityState !== "visible") return;
    refresh = false;
    for (var i = 0; i < frames.length; i++) if (frames[i].page === "progress") frames[i].frame.src = frames[i].frame.src;
  }
  w.addEventListener("focus", refreshProgress);
  d.addEventListener("visibilitychange", refreshProgress);

  all[app] = { scan: scan };
  scan();
  if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", scan);
})();
