const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The 503 page as a whole document: a route handler answers it, so it cannot use the app's
 * layout (which may itself need the database). No scripts, no inline styles.
 */
export function unavailablePage({ orgName, retryPath }: { orgName: string; retryPath: string }): string {
  const org = escapeHtml(orgName);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Back in a minute · ${org}</title>
</head>
<body>
<main>
<h1>We&rsquo;ll be back in a minute</h1>
<p>${org} cannot reach its database just now, so this page cannot be shown. Nothing you did caused this.</p>
<p>Please try again in a minute.</p>
<p><a href="${escapeHtml(retryPath)}">Try again</a> · <a href="/">Home page</a></p>
</main>
</body>
</html>
`;
}
