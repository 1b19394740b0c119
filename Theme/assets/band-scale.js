/* Staffing calculator: draws where the entered district falls on the model's band scale.
 *
 * Listens for the "staffing-result" event calculator.js sends with each result, and draws an SVG
 * with DOM calls (no markup strings, no style attributes, so the page's CSP holds) from the same
 * data script: the band edges and the near-the-edge margin the build's score charts use
 * (window.PortalStaffing[stem].chart), and the axis rule of PortalCharts' ScoreScale.
 */
(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 340;
  const MARGIN = 8;
  const TEXT = "#1b1b1b";
  const BAR = "#1a4480";

  function node(name, attributes, text) {
    const element = document.createElementNS(SVG, name);
    for (const key of Object.keys(attributes)) element.setAttribute(key, String(attributes[key]));
    if (text !== undefined) element.textContent = text;
    return element;
  }

  /** Two decimals, trailing zeros dropped: the build's coordinates. */
  function coordinate(x) {
    return String(Math.round(x * 100) / 100);
  }

  /** "102", "134.99": an edge as the build's charts label it. */
  function plain(value) {
    return String(Number(value));
  }

  /** The axis maximum: the larger of the top edge and the score, plus 5 %, rounded up to a multiple of 10. */
  function axisMaximum(edges, score) {
    const top = Math.max(edges.length ? Number(edges[edges.length - 1]) : 0, score);
    return Math.max(10, Math.ceil(top * 1.05 / 10) * 10);
  }

  /** The nearest edge to `score` (the lower on a tie) and the signed offset from it, in hundredths. */
  function nearest(edges, score) {
    const cents = Math.round(score * 100);
    let best = null;
    for (const edge of edges) {
      const offset = cents - Math.round(Number(edge) * 100);
      if (best === null || Math.abs(offset) < Math.abs(best.offset)) best = { edge: edge, offset: offset };
    }
    return best;
  }

  function fixedCents(cents) {
    const digits = String(Math.abs(cents)).padStart(3, "0");
    return digits.slice(0, -2) + "." + digits.slice(-2);
  }

  /** "0.78 above 187", "1.50 below 102", "on 102". */
  function position(near) {
    if (near.offset === 0) return "on " + plain(near.edge);
    return fixedCents(near.offset) + (near.offset < 0 ? " below " : " above ") + plain(near.edge);
  }

  function defs() {
    const pattern = node("pattern", {
      id: "band-hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)",
    });
    pattern.appendChild(node("rect", { width: 6, height: 6, fill: "#ffffff" }));
    pattern.appendChild(node("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#565c65", "stroke-width": 2 }));
    const element = node("defs", {});
    element.appendChild(pattern);
    return element;
  }

  /** The drawing: edge labels, the bands as a strip, the edges, and a marker with the score. */
  function draw(model, result) {
    const chart = model.chart;
    const edges = chart.edges;
    const score = Number(result.score);
    const maximum = axisMaximum(edges, score);
    const x = (value) => MARGIN + (WIDTH - 2 * MARGIN) * Math.min(Math.max(value, 0), maximum) / maximum;
    const near = nearest(edges, score);
    const isNear = near !== null && Math.abs(near.offset) <= Math.round(chart.nearEdgeMargin * 100);
    const sentence = "Score " + result.score + (result.band ? ", band " + result.band : ", no band") +
      (near ? "; " + position(near) + (isNear ? ", near the edge" : "") : "") + ".";
    const height = 96;
    const svg = node("svg", {
      viewBox: "0 0 " + WIDTH + " " + height, width: WIDTH, height: height, role: "img",
      "aria-label": "Band scale: " + sentence, "font-family": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    });
    svg.appendChild(defs());
    svg.appendChild(node("rect", { width: WIDTH, height: height, fill: "#ffffff" }));
    const bands = model.parameters.bands.slice().sort((a, b) => Number(a.min) - Number(b.min));
    bands.forEach((band, index) => {
      const x0 = x(Number(band.min));
      const x1 = index + 1 < bands.length ? x(Number(bands[index + 1].min)) : x(Number(band.max));
      svg.appendChild(node("rect", {
        x: coordinate(x0), y: 24, width: coordinate(Math.max(x1 - x0, 0)), height: 12,
        fill: index % 2 === 0 ? "url(#band-hatch)" : "#dfe1e2", stroke: TEXT, "stroke-width": 1, class: "band",
      }));
    });
    // Edge labels drop to a second row when they would touch, as on the build's charts.
    const rowEnds = [];
    for (const edge of edges) {
      const text = plain(edge);
      const at = x(Number(edge));
      const half = text.length * 3.6 + 2;
      let row = rowEnds.findIndex((end) => end < at - half);
      if (row < 0) { row = rowEnds.length; rowEnds.push(at + half); } else { rowEnds[row] = at + half; }
      svg.appendChild(node("text", {
        x: coordinate(at), y: 8 + row * 8 + 4, "font-size": 12, "text-anchor": "middle", fill: TEXT, class: "edge-label",
      }, text));
      svg.appendChild(node("line", { x1: coordinate(at), y1: 20, x2: coordinate(at), y2: 40, stroke: TEXT, "stroke-width": 1.5 }));
    }
    const at = x(score);
    svg.appendChild(node("path", {
      d: "M" + coordinate(at) + " 40 l-6 10 h12 z", fill: isNear ? "#ffffff" : BAR, stroke: isNear ? TEXT : BAR,
      "stroke-width": 2, class: "marker",
    }));
    const anchor = at < WIDTH / 3 ? "start" : at > WIDTH * 2 / 3 ? "end" : "middle";
    svg.appendChild(node("text", {
      x: coordinate(Math.min(Math.max(at, MARGIN), WIDTH - MARGIN)), y: 66, "font-size": 14, "text-anchor": anchor, fill: TEXT,
      class: "score-label",
    }, (result.district.trim() || "This district") + ": " + result.score));
    svg.appendChild(node("text", {
      x: MARGIN, y: 86, "font-size": 12, "font-weight": "bold", fill: TEXT, class: "position-label",
    }, near ? position(near) + (isNear ? " · near the edge" : "") : ""));
    return { svg: svg, sentence: sentence };
  }

  function start() {
    const form = document.getElementById("staffing-calculator");
    const holder = document.getElementById("calc-band-scale");
    if (!form || !holder || !window.PortalStaffing) return;
    const model = window.PortalStaffing[form.getAttribute("data-model-stem")];
    if (!model || !model.chart) return;
    form.addEventListener("staffing-result", (event) => {
      holder.textContent = "";
      if (!event.detail) { holder.hidden = true; return; }
      const drawing = draw(model, event.detail);
      holder.appendChild(drawing.svg);
      const note = document.createElement("p");
      note.id = "calc-band-position";
      note.textContent = drawing.sentence;
      holder.appendChild(note);
      holder.hidden = false;
    });
    window.PortalBandScale = { axisMaximum: axisMaximum, nearest: nearest, position: position };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
