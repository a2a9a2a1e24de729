// A submission waiting for its verdict: the websocket sends its state whenever it changes;
// once it is judged the page reloads to show the verdict, the tests and the compiler's log.
// If the socket closes before that (or cannot open), the page asks the JSON endpoint every second instead.
(function () {
  "use strict";
  const verdict = document.getElementById("verdict");
  if (!verdict || !verdict.dataset.live) {
    return;
  }

  function show(state) {
    if (state.done) {
      window.location.reload();
      return true;
    }
    verdict.textContent = state.label;
    return false;
  }

  async function poll() {
    try {
      const response = await fetch(verdict.dataset.json, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.ok && show(await response.json())) {
        return;
      }
    } catch (error) {
      // The connection dropped for a moment: the next look tries again.
    }
    window.setTimeout(poll, 1000);
  }

  const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  const socket = new WebSocket(scheme + window.location.host + verdict.dataset.live);
  let done = false;
  socket.addEventListener("message", function (message) {
    done = show(JSON.parse(message.data));
  });
  socket.addEventListener("close", function () {
    if (!done) {
      poll();
    }
  });
})();
