/**
 * `server-only` for processes outside Next (the `npm run worker` delivery worker, benchmarks):
 * the package throws unless bundled for React Server Components, but there is no browser
 * bundle to keep server code out of here. tsconfig.scripts.json maps the import to this file.
 */
export {};
