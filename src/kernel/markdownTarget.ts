// A URL as the target of a Markdown link, one rule for every link we write
// (Copy Markdown Link, the status bar's tooltip). No VS Code here: the views'
// pure helpers use it and are unit-tested in plain Node.

/** `url` with "(", ")" and white space percent-encoded: any of them would end the link target early. */
export function markdownLinkTarget(url: string): string {
  return url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
