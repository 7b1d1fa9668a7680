// The review queue's keyboard (issue 10): j or ArrowDown moves the selection down, k or
// ArrowUp up, Enter opens the selected submission. ipywidgets has no key events, so this
// static script (no data in it) works on the page: it moves the queue's <select> without
// telling the kernel, and Enter sends the <select>'s own "change", which the Select widget
// turns into its value, so the kernel opens it exactly as a click would.
(() => {
  if (window.__nuiawaseQueueKeys) {
    return;
  }
  window.__nuiawaseQueueKeys = true;
  const MOVES = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1 };

  // Keys belong to whatever the supervisor is typing in or choosing from: a comment, a
  // reason, a filter, a dropdown. Only the queue itself, or no field at all, hands them on.
  const typing = (el, queue) => {
    if (!el || el === document.body || el === queue) {
      return false;
    }
    const name = el.tagName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || el.isContentEditable;
  };

  window.addEventListener(
    "keydown",
    (event) => {
      const queue = document.querySelector(".nw-queue select");
      if (!queue || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
        return;
      }
      const here = document.activeElement;
      if (typing(here, queue)) {
        return;
      }
      const arrow = event.key === "ArrowDown" || event.key === "ArrowUp";
      // The arrows scroll the page unless the queue has the focus; j and k work anywhere.
      if (arrow && here !== queue) {
        return;
      }
      if (event.key in MOVES) {
        const last = queue.options.length - 1;
        if (last < 0) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        const from = queue.selectedIndex < 0 ? (MOVES[event.key] > 0 ? -1 : 1) : queue.selectedIndex;
        queue.selectedIndex = Math.max(0, Math.min(last, from + MOVES[event.key]));
        queue.options[queue.selectedIndex].scrollIntoView({ block: "nearest" });
      } else if (event.key === "Enter") {
        // Enter on a button presses that button; here it only opens from the queue or
        // from nowhere in particular.
        if (here && here !== document.body && here !== queue) {
          return;
        }
        if (queue.selectedIndex < 0) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        queue.dispatchEvent(new Event("change", { bubbles: true }));
      }
    },
    true,
  );
})();
