/**
 * H5: Taro's tab bar items are `<a href="javascript:;">`. Following one runs a `javascript:` URL, which the app's CSP
 * refuses: a console error on every tab tap. The tab switches in the item's own click handler, so the link's default
 * action is not needed: it is prevented for every `javascript:` link, before the item's handler runs (which still runs).
 */
export function preventJavascriptLinks(root: Document = document): () => void {
  const onClick = (e: Event) => {
    const target = e.target as Element | null;
    if (target?.closest?.('a[href^="javascript:"]')) e.preventDefault();
  };
  root.addEventListener('click', onClick, true);
  return () => root.removeEventListener('click', onClick, true);
}
