/**
 * History API navigation of single-page apps: `pushState`, `replaceState`
 * and `popstate`.
 * @packageDocumentation
 */

/**
 * Calls `onNavigate(replaced)` after every `history.pushState` (`false`),
 * `history.replaceState` (`true`) and `popstate` (`false`). Returns the
 * function that stops watching: it restores the original methods unless
 * another script wrapped them since, in which case our wrapper stays and
 * does nothing.
 */
export function watchHistory(onNavigate: (replaced: boolean) => void): () => void {
  let active = true;
  const wrap = (method: 'pushState' | 'replaceState') => {
    const original = history[method];
    const wrapper: History[typeof method] = function (this: History, ...args) {
      original.apply(this, args);
      if (active) onNavigate(method === 'replaceState');
    };
    history[method] = wrapper;
    return () => {
      if (history[method] === wrapper) history[method] = original;
    };
  };
  const onPopState = () => onNavigate(false);
  const restore = [wrap('pushState'), wrap('replaceState')];
  addEventListener('popstate', onPopState);
  return () => {
    active = false;
    restore.forEach((undo) => undo());
    removeEventListener('popstate', onPopState);
  };
}
