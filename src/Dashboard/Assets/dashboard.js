// The live dashboard: one script for the four pages. It builds the page's sections once, then
// redraws them from each status event the server sends (server-sent events, /api/events).
"use strict";
(function () {
  var C = TesseraCharts, page = document.body.dataset.page, main = document.getElementById("main");
  var graphShape = null, graphRun = -1, graphLoading = false;
  window.tesseraUpdates = 0; // tests wait on it

  document.querySelectorAll("nav a").forEach(function (a) {
    if (a.dataset.nav === page) a.className = "current";
  });

  var layouts = {
    status:
      '<section class="wide"><h2>Task stream</h2><canvas id="stream" class="stream"></canvas><div id="stream-legend"></div></section>' +
      '<section><h2>Progress</h2><div id="progress"></div>' +
      C.legend([["done", "#43a047"], ["running", "#fb8c00"], ["failed", "#e53935"], ["waiting", "#cfd8dc"]]) + '</section>' +
      '<section><h2>Memory by tier</h2><div id="memory"></div><canvas id="memory-chart" class="chart"></canvas>' +
      C.legend([["process", "#90a4ae"], ["host held", "#1e88e5"], ["on disk", "#8e24aa"], ["device", "#43a047"]]) + '</section>' +
      '<section><h2>CPU</h2><canvas id="cpu-chart" class="chart"></canvas></section>',
    graph:
      '<section class="wide"><h2>Graph</h2><p id="graph-note" class="note">waiting for a computation…</p>' +
      '<canvas id="graph" class="graph"></canvas>' +
      C.legend([["waiting", C.stateColors.w], ["running", C.stateColors.r], ["done", C.stateColors.d], ["failed", C.stateColors.f]]) +
      '<div id="graph-kinds"></div></section>',
    workers:
      '<section class="wide"><h2>Workers</h2><div id="workers"></div></section>' +
      '<section class="wide"><h2>Memory and transfers</h2><div id="transfers"></div></section>',
    profile:
      '<section class="wide"><h2>Time per task kind</h2><div id="profile"></div></section>' +
      '<section class="wide"><h2>Slowest tasks</h2><div id="slowest"></div></section>',
  };
  main.innerHTML = layouts[page] || "";

  function summary(s) {
    var el = document.getElementById("run-summary");
    if (!s.run) { el.textContent = "waiting for a computation…"; return; }
    var r = s.run;
    el.textContent = "run " + r.id + ": " + r.done + " of " + r.tasks + " tasks done" +
      (r.failed ? ", " + r.failed + " failed" : "") + " · " + C.formatSeconds(r.seconds) +
      (r.finished ? (r.error ? " · failed: " + r.error : " · finished") : " · running");
    el.className = "summary" + (r.error ? " error" : "");
    el.dataset.done = r.done; el.dataset.tasks = r.tasks; el.dataset.finished = r.finished;
  }

  function memoryTiers(s) {
    var m = s.memory;
    var tiers = [["host held", m.hostHeld], ["spilled to disk", m.onDisk], ["device held", m.deviceHeld], ["evicted device → host", m.movedToHost]];
    var top = Math.max(m.hostLimit, 1);
    return tiers.map(function (t) {
      return '<div class="bar-row"><span>' + t[0] + '</span><div class="bar"><span class="done" style="width:' +
        Math.min(100, 100 * t[1] / top) + '%"></span></div><span>' + C.formatBytes(t[1]) + "</span></div>";
    }).join("") + '<p class="note">host limit ' + C.formatBytes(m.hostLimit) + "; spilled " + C.formatBytes(m.spilledBytes) +
      " in " + m.spills + ", restored " + C.formatBytes(m.restoredBytes) + " in " + m.restores +
      (m.peakHost !== undefined ? "; peak host " + C.formatBytes(m.peakHost) + ", peak device " + C.formatBytes(m.peakDevice) : "") + "</p>";
  }

  function resources(s, field) {
    return s.resources.map(function (r) { return [r[0], r[field]]; });
  }

  function drawStatus(s) {
    if (!s.run) return;
    var bars = s.stream.bars, t1 = s.stream.end, t0 = t1;
    bars.forEach(function (b) { t0 = Math.min(t0, b[2]); });
    C.taskStream(document.getElementById("stream"), bars, s.run.workers, t0, t1);
    document.getElementById("stream-legend").innerHTML = C.legend(s.kinds.map(function (k) { return [k.name, C.kindColor(k.index)]; }));
    C.progress(document.getElementById("progress"), s.kinds);
    document.getElementById("memory").innerHTML = memoryTiers(s);
    C.lineChart(document.getElementById("memory-chart"), [
      { name: "process", color: "#90a4ae", points: resources(s, 2) },
      { name: "host held", color: "#1e88e5", points: resources(s, 3) },
      { name: "on disk", color: "#8e24aa", points: resources(s, 4) },
      { name: "device", color: "#43a047", points: resources(s, 5) }], C.formatBytes);
    C.lineChart(document.getElementById("cpu-chart"), [{ name: "cpu", color: "#fb8c00", points: resources(s, 1) }],
      function (v) { return v.toFixed(0) + " %"; });
  }

  function drawGraph(s) {
    var note = document.getElementById("graph-note");
    if (!s.run) return;
    if (graphRun !== s.run.id && !graphLoading) {
      graphLoading = true;
      fetch("/api/graph").then(function (r) { return r.json(); }).then(function (g) {
        graphShape = g; graphRun = g.run; graphLoading = false;
        document.getElementById("graph-kinds").innerHTML = C.table(["kind", "tasks"], g.kinds.map(function (k) { return [k.name, k.count]; }));
        drawGraph(s);
      }, function () { graphLoading = false; });
      return;
    }
    if (!graphShape) return;
    var canvas = document.getElementById("graph");
    if (!graphShape.drawn) {
      note.textContent = "This graph has " + graphShape.tasks.toLocaleString() + " tasks; the page draws graphs of up to " +
        graphShape.limit.toLocaleString() + " tasks, so it lists the tasks per kind instead.";
      canvas.style.display = "none";
      return;
    }
    canvas.style.display = "";
    note.textContent = graphShape.tasks + " tasks, inputs on the left; colour is the state, outline the kind.";
    C.graph(canvas, graphShape.nodes, graphShape.edges, s.states);
  }

  function drawWorkers(s) {
    if (!s.run) return;
    document.getElementById("workers").innerHTML = C.table(
      ["worker", "running now", "tasks done", "failed", "busy", "busy %", "result bytes"],
      s.workers.map(function (w) {
        return [w.worker, w.running || "—", w.done, w.failed, C.formatSeconds(w.busy), w.busyPercent, C.formatBytes(w.bytes)];
      }));
    var m = s.memory;
    document.getElementById("transfers").innerHTML = C.table(["", "bytes", "count"], [
      ["host held now", C.formatBytes(m.hostHeld), ""],
      ["device held now", C.formatBytes(m.deviceHeld), ""],
      ["spilled host → disk", C.formatBytes(m.spilledBytes), m.spills],
      ["restored disk → host", C.formatBytes(m.restoredBytes), m.restores],
      ["moved device → host", C.formatBytes(m.movedToHost), ""]]);
  }

  function drawProfile(s) {
    if (!s.run) return;
    var rows = s.kinds.slice().sort(function (a, b) { return b.seconds - a.seconds; }).map(function (k) {
      var n = k.done + k.failed;
      return [k.name, n, C.formatSeconds(k.seconds), C.formatSeconds(n ? k.seconds / n : 0), C.formatSeconds(k.longest), C.formatBytes(k.bytes)];
    });
    document.getElementById("profile").innerHTML = C.table(["kind", "tasks", "total", "mean", "longest", "result bytes"], rows);
    document.getElementById("slowest").innerHTML = C.table(["key", "kind", "time"],
      s.slowest.map(function (t) { return [t.key, t.kind, C.formatSeconds(t.seconds)]; }));
  }

  var draw = { status: drawStatus, graph: drawGraph, workers: drawWorkers, profile: drawProfile }[page];
  var last = null;

  function update(s) {
    last = s;
    summary(s);
    if (draw) draw(s);
    window.tesseraUpdates++;
  }

  var events = new EventSource("/api/events");
  var connection = document.getElementById("connection");
  events.addEventListener("status", function (e) { connection.textContent = "live"; update(JSON.parse(e.data)); });
  events.onerror = function () { connection.textContent = "disconnected, retrying"; };
  window.addEventListener("resize", function () { if (last) update(last); });
})();
