// node-fetch v2 takes `URL` from Node's `url` module and falls back to the
// `whatwg-url` package only on runtimes without one. Every VS Code has it, so
// the bundle points the fallback here instead of shipping whatwg-url and its
// 250 KB Unicode table.
export const URL = globalThis.URL;
export const URLSearchParams = globalThis.URLSearchParams;
