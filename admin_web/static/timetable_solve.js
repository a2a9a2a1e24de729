// A running timetable solve: refreshes the progress bar and the best score from the run's
// JSON every second, and reloads the page once the run has ended to show its result.
(function () {
  "use strict";
  const box = document.getElementById("solve-progress");
  if (!box) {
    return;
  }
  const bar = document.getElementById("solve-bar");
  const percent = document.getElementById("solve-percent");
  const best = document.getElementById("solve-best");
  const state = document.getElementById("state");

  async function poll() {
    try {
      const response = await fetch(box.dataset.url, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (response.ok) {
        const run = await response.json();
        if (run.state !== "running") {
          window.location.reload();
          return;
        }
        bar.value = run.percent;
        bar.textContent = run.percent + "%";
        percent.textContent = run.percent;
        state.textContent = run.state_label;
        if (run.best_penalty !== null) {
          best.textContent = run.best_penalty;
        }
      }
    } catch (error) {
      // The connection dropped for a moment: the next poll tries again.
    }
    window.setTimeout(poll, 1000);
  }

  window.setTimeout(poll, 1000);
})();
