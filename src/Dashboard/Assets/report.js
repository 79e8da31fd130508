// The performance report's page: reads the JSON the writer inlined and draws every section.
// It runs from a file (file://), so it loads nothing: the chart code is inlined above it.
"use strict";
(function () {
  var C = TesseraCharts, data = JSON.parse(document.getElementById("report-data").textContent);
  var main = document.getElementById("main"), html = "";

  html += '<section class="wide" id="overview"><h2>' + "Overview" + "</h2>" +
    C.table(["created", "machine", "recorded for", "runs"], [[data.created, data.machine, C.formatSeconds(data.seconds), data.runs.length]]) + "</section>";
  html += '<section><h2>CPU over time</h2><canvas id="cpu-chart" class="chart"></canvas></section>' +
    '<section><h2>Memory over time</h2><canvas id="memory-chart" class="chart"></canvas>' +
    C.legend([["process", "#90a4ae"], ["host held", "#1e88e5"], ["on disk", "#8e24aa"], ["device", "#43a047"]]) + "</section>";
  data.runs.forEach(function (run, i) {
    html += '<section class="wide run" id="run-' + run.id + '"><h2>Run ' + run.id + ": " + run.tasks + " tasks on " + run.workers +
      " workers, " + C.formatSeconds(run.seconds) + (run.error ? ' <span class="error">' + run.error.replace(/</g, "&lt;") + "</span>" : "") + "</h2>" +
      '<h3>Task stream</h3><canvas id="stream-' + i + '" class="stream"></canvas>' +
      (run.barsLeftOut ? '<p class="note">' + run.barsLeftOut + " shorter tasks are left out of the stream.</p>" : "") +
      C.legend(run.kinds.map(function (k, j) { return [k.name, C.kindColor(j)]; })) +
      '<h3>Progress</h3><div id="progress-' + i + '"></div>' +
      '<h3>Profile</h3><div class="profile">' + C.table(["kind", "tasks", "total", "mean", "longest", "result bytes"],
        run.kinds.map(function (k) {
          var n = k.done + k.failed;
          return [k.name, n, C.formatSeconds(k.seconds), C.formatSeconds(n ? k.seconds / n : 0), C.formatSeconds(k.longest), C.formatBytes(k.bytes)];
        })) + "</div>" +
      "<h3>Slowest tasks</h3>" + C.table(["key", "kind", "worker", "time"], run.slowest.map(function (t) {
        return [t.key, t.kind, t.worker, C.formatSeconds(t.seconds)];
      })) +
      "<h3>Memory</h3><p>" + (run.memory || "not reported").replace(/</g, "&lt;") + "</p>" +
      '<h3>Options</h3><div class="options">' + C.table(["option", "value"], Object.keys(run.options).map(function (k) { return [k, run.options[k]]; })) + "</div>" +
      "</section>";
  });
  if (data.runs.length === 0) html += '<section class="wide"><p class="note">No computation ran while the report was open.</p></section>';
  main.innerHTML = html;

  function resources(field) { return data.resources.map(function (r) { return [r[0], r[field]]; }); }

  function drawAll() {
    C.lineChart(document.getElementById("cpu-chart"), [{ name: "cpu", color: "#fb8c00", points: resources(1) }],
      function (v) { return v.toFixed(0) + " %"; });
    C.lineChart(document.getElementById("memory-chart"), [
      { name: "process", color: "#90a4ae", points: resources(2) },
      { name: "host held", color: "#1e88e5", points: resources(3) },
      { name: "on disk", color: "#8e24aa", points: resources(4) },
      { name: "device", color: "#43a047", points: resources(5) }], C.formatBytes);
    data.runs.forEach(function (run, i) {
      var t1 = 0;
      run.bars.forEach(function (b) { t1 = Math.max(t1, b[3]); });
      C.taskStream(document.getElementById("stream-" + i), run.bars, run.workers, 0, Math.max(t1, run.seconds));
      C.progress(document.getElementById("progress-" + i), run.kinds.map(function (k, j) {
        return { name: k.name, index: j, total: k.total, done: k.done, failed: k.failed, running: 0 };
      }));
    });
    window.tesseraReportDrawn = true;
  }
  drawAll();
  window.addEventListener("resize", drawAll);
})();
