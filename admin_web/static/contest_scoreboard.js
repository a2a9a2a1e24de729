// A contest's scoreboard: every second, fetches the table rendered anew and swaps it in when
// it changed, so a verdict shows up within about a second without reloading the page.
(function () {
  "use strict";
  const board = document.getElementById("board");
  if (!board) {
    return;
  }

  async function poll() {
    try {
      const response = await fetch(board.dataset.url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.ok) {
        const data = await response.json();
        if (data.html !== board.dataset.shown) {
          board.innerHTML = data.html;
          board.dataset.shown = data.html;
        }
      }
    } catch (error) {
      // The connection dropped for a moment: the next poll tries again.
    }
    window.setTimeout(poll, 1000);
  }

  window.setTimeout(poll, 1000);
})();
