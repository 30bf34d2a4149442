/** Minimal server-rendered HTML for the emulator's hosted pages: no JavaScript, accessible by default. */

export function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Tagged template that escapes every interpolation unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? "");
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(value);
}

const STYLES = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1a1a1a; background: #f6f7f9; }
  body { margin: 0; }
  .test-mode { background: #ffd84d; color: #1a1a1a; padding: 0.75rem 1rem; text-align: center; border-bottom: 2px solid #8a6d00; }
  .test-mode p { margin: 0; }
  main { max-width: 34rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: 0.75rem; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  h1 { font-size: 1.5rem; margin-top: 0; }
  h2 { font-size: 1.125rem; }
  .merchant { color: #4a4a4a; margin: 0 0 0.25rem; }
  .amount { font-size: 2rem; font-weight: 700; margin: 0 0 1rem; }
  .lines { list-style: none; padding: 0; margin: 0 0 1rem; border-top: 1px solid #d5d9e0; }
  .lines li { display: flex; justify-content: space-between; gap: 1rem; padding: 0.5rem 0; border-bottom: 1px solid #d5d9e0; }
  .muted { color: #4a4a4a; font-size: 0.9375rem; }
  form { display: grid; gap: 0.375rem; margin: 1rem 0; }
  label { font-weight: 600; margin-top: 0.5rem; }
  input { font: inherit; padding: 0.625rem 0.75rem; border: 1px solid #6b7280; border-radius: 0.375rem; }
  input[aria-invalid="true"] { border-color: #a4001d; border-width: 2px; }
  input:focus, button:focus, a:focus { outline: 3px solid #1f5fd1; outline-offset: 2px; }
  button { font: inherit; font-weight: 600; margin-top: 1rem; padding: 0.75rem 1rem; border: 0; border-radius: 0.375rem; background: #1f4fd1; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #1a1a1a; border: 1px solid #6b7280; }
  button.danger { background: #fff; color: #a4001d; border: 1px solid #a4001d; }
  .error { color: #a4001d; background: #fff0f0; border: 1px solid #a4001d; border-radius: 0.375rem; padding: 0.5rem 0.75rem; margin: 0.25rem 0 0; }
  .notice { color: #0b5c2b; background: #ecfbf1; border: 1px solid #0b5c2b; border-radius: 0.375rem; padding: 0.5rem 0.75rem; }
  section.subscription { border-top: 1px solid #d5d9e0; padding-top: 0.5rem; margin-top: 1rem; }
  a { color: #1f4fd1; }
  table { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
  th, td { text-align: left; padding: 0.25rem 0.5rem; border-bottom: 1px solid #d5d9e0; }
`;

export function page(input: { title: string; body: Html; status?: number; headers?: Record<string, string> }): Response {
  const document = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${input.title} · TEST MODE</title>
<style>${new Html(STYLES)}</style>
</head>
<body>
<header class="test-mode">
<p><strong>TEST MODE — no real money moves.</strong> Lantern's Stripe emulator is standing in for Stripe.</p>
</header>
<main>
${input.body}
</main>
</body>
</html>
`;
  return new Response(document.value, {
    status: input.status ?? 200,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
      ...input.headers,
    },
  });
}

export function redirect(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

export function formatDate(unixSeconds: number): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" }).format(new Date(unixSeconds * 1000));
}

/** "per month", "every 3 months", "per year"… */
export function perInterval(interval: string, count: number): string {
  return count === 1 ? `per ${interval}` : `every ${count} ${interval}s`;
}
