// Tessera's chart code: drawn by hand on <canvas> (docs/design-notes.md says why). Shared by the
// live dashboard and the offline performance report, so it takes plain arrays and touches no network.
"use strict";
var TesseraCharts = (function () {
  var palette = ["#1e88e5", "#43a047", "#8e24aa", "#fb8c00", "#00acc1", "#6d4c41",
                 "#d81b60", "#7cb342", "#3949ab", "#fdd835", "#546e7a", "#c0ca33"];

  function kindColor(i) { return palette[i % palette.length]; }

  function formatBytes(n) {
    var units = ["B", "kB", "MB", "GB", "TB"], u = 0;
    while (Math.abs(n) >= 1000 && u < units.length - 1) { n /= 1000; u++; }
    return (u === 0 ? n.toFixed(0) : n.toFixed(1)) + " " + units[u];
  }

  function formatSeconds(s) {
    if (s < 1e-3) return (s * 1e6).toFixed(0) + " µs";
    if (s < 1) return (s * 1e3).toFixed(1) + " ms";
    if (s < 120) return s.toFixed(2) + " s";
    return Math.floor(s / 60) + " min " + Math.round(s % 60) + " s";
  }

  // Sizes the canvas backing store to its CSS box (sharp on high-DPI screens) and clears it.
  function fit(canvas) {
    var ratio = window.devicePixelRatio || 1;
    var w = canvas.clientWidth || 600, h = canvas.clientHeight || 200;
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
    }
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.font = "11px system-ui, sans-serif";
    return { ctx: ctx, w: w, h: h };
  }

  // Round tick steps (1, 2, 5 × 10^k) so that about `count` ticks fit in `span`.
  function ticks(lo, hi, count) {
    var span = hi - lo;
    if (!(span > 0)) return [lo];
    var raw = span / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    var step = [1, 2, 5, 10].map(function (m) { return m * mag; }).find(function (s) { return s >= raw; });
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(t);
    return out;
  }

  function timeAxis(ctx, left, right, bottom, t0, t1) {
    ctx.strokeStyle = "#999"; ctx.fillStyle = "#555"; ctx.textAlign = "center";
    ctx.beginPath(); ctx.moveTo(left, bottom); ctx.lineTo(right, bottom); ctx.stroke();
    ticks(t0, t1, 6).forEach(function (t) {
      var x = left + (t - t0) / (t1 - t0 || 1) * (right - left);
      ctx.beginPath(); ctx.moveTo(x, bottom); ctx.lineTo(x, bottom + 4); ctx.stroke();
      ctx.fillText(formatSeconds(t), x, bottom + 15);
    });
  }

  // The task stream: one row per worker thread, one bar per task from its start to its end,
  // coloured by kind; failed tasks red, running ones striped lighter. Returns the bars drawn.
  function taskStream(canvas, bars, workers, t0, t1) {
    var f = fit(canvas), ctx = f.ctx, left = 70, right = f.w - 10, top = 6, bottom = f.h - 22;
    var rows = Math.max(workers, 1), rowH = (bottom - top) / rows;
    if (!(t1 > t0)) t1 = t0 + 1e-3;
    ctx.fillStyle = "#555"; ctx.textAlign = "right"; ctx.textBaseline = "middle";
    for (var w = 0; w < rows; w++) ctx.fillText("worker " + w, left - 6, top + (w + 0.5) * rowH);
    ctx.textBaseline = "alphabetic";
    var scale = (right - left) / (t1 - t0), drawn = 0;
    for (var i = 0; i < bars.length; i++) {
      var b = bars[i], x0 = left + (b[2] - t0) * scale, x1 = left + (b[3] - t0) * scale;
      if (x1 < left || x0 > right) continue;
      x0 = Math.max(x0, left); x1 = Math.min(x1, right);
      ctx.globalAlpha = b[4] === 2 ? 0.5 : 1;
      ctx.fillStyle = b[4] === 1 ? "#e53935" : kindColor(b[1]);
      // A pixel's gap at the end keeps back-to-back tasks of one kind apart.
      ctx.fillRect(x0, top + b[0] * rowH + 2, Math.max(x1 - x0 - (x1 - x0 > 3 ? 1 : 0), 1), rowH - 4);
      drawn++;
    }
    ctx.globalAlpha = 1;
    timeAxis(ctx, left, right, bottom, t0, t1);
    canvas.dataset.bars = drawn;
    return drawn;
  }

  // Lines over time: series = [{name, color, points: [[t, y], ...]}]; yFormat labels the axis.
  function lineChart(canvas, series, yFormat) {
    var f = fit(canvas), ctx = f.ctx, left = 70, right = f.w - 10, top = 8, bottom = f.h - 22;
    var t0 = Infinity, t1 = -Infinity, y1 = 0;
    series.forEach(function (s) {
      s.points.forEach(function (p) { t0 = Math.min(t0, p[0]); t1 = Math.max(t1, p[0]); y1 = Math.max(y1, p[1]); });
    });
    if (!isFinite(t0)) { ctx.fillStyle = "#888"; ctx.fillText("no samples yet", left, top + 20); return; }
    if (t1 <= t0) t1 = t0 + 1;
    if (y1 <= 0) y1 = 1;
    ctx.strokeStyle = "#eee"; ctx.fillStyle = "#555"; ctx.textAlign = "right";
    ticks(0, y1, 4).forEach(function (v) {
      var y = bottom - v / y1 * (bottom - top);
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(right, y); ctx.stroke();
      ctx.fillText(yFormat(v), left - 6, y + 4);
    });
    series.forEach(function (s) {
      ctx.strokeStyle = s.color; ctx.lineWidth = 1.5; ctx.beginPath();
      s.points.forEach(function (p, i) {
        var x = left + (p[0] - t0) / (t1 - t0) * (right - left), y = bottom - p[1] / y1 * (bottom - top);
        if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
      });
      ctx.stroke(); ctx.lineWidth = 1;
    });
    timeAxis(ctx, left, right, bottom, t0, t1);
  }

  var stateColors = { w: "#cfd8dc", r: "#fb8c00", d: "#43a047", f: "#e53935" };

  // The graph: nodes = [[column, row, kind, key]], edges = [[from, to]], states a letter per task.
  // Columns run left to right (inputs first); rows are spread over the height. Returns the nodes drawn.
  function graph(canvas, nodes, edges, states) {
    var f = fit(canvas), ctx = f.ctx, pad = 12;
    var columns = 1, rows = 1, perColumn = [];
    nodes.forEach(function (n) {
      columns = Math.max(columns, n[0] + 1); rows = Math.max(rows, n[1] + 1);
      perColumn[n[0]] = Math.max(perColumn[n[0]] || 0, n[1] + 1);
    });
    var dx = (f.w - 2 * pad) / columns, dy = (f.h - 2 * pad) / rows;
    var r = Math.max(1.5, Math.min(8, dx / 3, dy / 3));
    // Each column is spread over the whole height, so a reduction tree narrows towards its middle.
    function x(n) { return pad + (n[0] + 0.5) * dx; }
    function y(n) { return pad + (n[1] + 0.5) / perColumn[n[0]] * (f.h - 2 * pad); }
    ctx.strokeStyle = "rgba(120,120,120,0.35)";
    ctx.beginPath();
    edges.forEach(function (e) {
      var a = nodes[e[0]], b = nodes[e[1]];
      ctx.moveTo(x(a), y(a)); ctx.lineTo(x(b), y(b));
    });
    ctx.stroke();
    nodes.forEach(function (n, i) {
      ctx.fillStyle = stateColors[states ? states[i] : "w"] || stateColors.w;
      ctx.beginPath(); ctx.arc(x(n), y(n), r, 0, 2 * Math.PI); ctx.fill();
      if (r >= 4) { ctx.strokeStyle = kindColor(n[2]); ctx.lineWidth = 1.5; ctx.stroke(); ctx.lineWidth = 1; }
    });
    canvas.dataset.nodes = nodes.length;
    return nodes.length;
  }

  // Stacked horizontal bars, one per task kind: done, running, failed and waiting as parts of the total.
  function progress(container, kinds) {
    container.innerHTML = "";
    kinds.forEach(function (k) {
      var total = Math.max(k.total, 1), row = document.createElement("div");
      row.className = "bar-row";
      row.dataset.kind = k.name; row.dataset.done = k.done; row.dataset.total = k.total; row.dataset.running = k.running || 0;
      var name = document.createElement("span"); name.textContent = k.name; name.style.color = kindColor(k.index);
      var bar = document.createElement("div"); bar.className = "bar";
      [["done", k.done], ["running", k.running || 0], ["failed", k.failed]].forEach(function (part) {
        var s = document.createElement("span"); s.className = part[0];
        s.style.width = (100 * part[1] / total) + "%"; bar.appendChild(s);
      });
      var text = document.createElement("span");
      text.textContent = k.done + " / " + k.total + (k.running ? ", " + k.running + " running" : "") + (k.failed ? ", " + k.failed + " failed" : "");
      row.appendChild(name); row.appendChild(bar); row.appendChild(text);
      container.appendChild(row);
    });
  }

  function legend(items) {
    return '<div class="legend">' + items.map(function (i) {
      return '<span><i style="background:' + i[1] + '"></i>' + i[0] + "</span>";
    }).join("") + "</div>";
  }

  function table(headers, rows) {
    var esc = function (v) { return String(v).replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }); };
    return "<table><tr>" + headers.map(function (h) { return "<th>" + esc(h) + "</th>"; }).join("") + "</tr>" +
      rows.map(function (r) { return "<tr>" + r.map(function (c) { return "<td>" + esc(c) + "</td>"; }).join("") + "</tr>"; }).join("") +
      "</table>";
  }

  return { kindColor: kindColor, formatBytes: formatBytes, formatSeconds: formatSeconds, taskStream: taskStream,
           lineChart: lineChart, graph: graph, progress: progress, legend: legend, table: table, stateColors: stateColors };
})();
