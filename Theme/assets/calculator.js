/* Staffing calculator: computes a district's workload score, band and earned positions offline.
 *
 * The model parameters come from the data script the build writes from Content/data/
 * (window.PortalStaffing[stem]). Arithmetic is exact (BigInt rationals), rounded half-up
 * to the model's decimals before the band lookup, as the portal's Swift domain module does
 * with Decimal. No network, no modules: works from file://.
 */
(function () {
  "use strict";

  // Rationals as {n, d} with BigInt parts, d > 0, reduced.
  function gcd(a, b) {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b) { const t = a % b; a = b; b = t; }
    return a;
  }
  function rat(n, d) {
    if (d === undefined) d = 1n;
    if (d < 0n) { n = -n; d = -d; }
    const g = gcd(n, d) || 1n;
    return { n: n / g, d: d / g };
  }
  function add(a, b) { return rat(a.n * b.d + b.n * a.d, a.d * b.d); }
  function mul(a, b) { return rat(a.n * b.n, a.d * b.d); }
  function div(a, b) { return rat(a.n * b.d, a.d * b.n); }
  function cmp(a, b) { const x = a.n * b.d, y = b.n * a.d; return x < y ? -1 : x > y ? 1 : 0; }
  const ZERO = rat(0n);

  /** Parses "1,234.5" into a rational; null when it is not a non-negative decimal number. */
  function parseDecimal(text) {
    const match = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(String(text).replace(/,/g, ""));
    if (!match) return null;
    const fraction = match[2] || "";
    return rat(BigInt(match[1] + fraction), 10n ** BigInt(fraction.length));
  }

  /** Rounds a non-negative rational half-up to `places` decimals; returns the scaled integer. */
  function roundHalfUp(value, places) {
    const scaled = value.n * 10n ** BigInt(places);
    let q = scaled / value.d;
    if ((scaled % value.d) * 2n >= value.d) q += 1n;
    return q;
  }
  function fixed(scaledInteger, places) {
    const digits = scaledInteger.toString().padStart(places + 1, "0");
    return places === 0 ? digits : digits.slice(0, -places) + "." + digits.slice(-places);
  }
  function fromNumber(x) { return parseDecimal(String(x)); }

  /**
   * Scores one district. `counts` and `means` map factor keys to rationals.
   * Returns {indexes, score (text), band (label or null), earned, flags}.
   */
  function compute(model, district, counts, means) {
    const p = model.parameters;
    const places = p.rounding.decimals;
    const hundred = rat(BigInt(p.standardization.indexOfMean));
    const indexes = {};
    let score = ZERO;
    for (const factor of p.factors) {
      const mean = means[factor.key] || ZERO;
      const index = cmp(mean, ZERO) === 0 ? rat(BigInt(p.standardization.indexWhenMeanIsZero))
        : div(mul(counts[factor.key] || ZERO, hundred), mean);
      indexes[factor.key] = index;
      score = add(score, mul(div(fromNumber(factor.weight), rat(100n)), index));
    }
    const rounded = roundHalfUp(score, places);
    const roundedRat = rat(rounded, 10n ** BigInt(places));
    const earned = {};
    for (const code of p.occupationCodes) earned[code] = 0;
    const flags = [];
    let band = null;
    const lowest = p.bands.reduce((a, b) => (cmp(fromNumber(b.min), fromNumber(a.min)) < 0 ? b : a));
    const highest = p.bands.reduce((a, b) => (cmp(fromNumber(b.max), fromNumber(a.max)) > 0 ? b : a));
    if (cmp(roundedRat, fromNumber(lowest.min)) < 0) {
      flags.push(p.flags.belowMinimum);
    } else if (cmp(roundedRat, fromNumber(highest.max)) > 0) {
      band = highest;
      flags.push(p.flags.aboveMaximum);
    } else {
      band = p.bands.find((b) => cmp(roundedRat, fromNumber(b.min)) >= 0 && cmp(roundedRat, fromNumber(b.max)) <= 0) || null;
    }
    if (band) Object.assign(earned, band.earned);
    const wanted = district.trim().toLowerCase();
    for (const exception of p.exceptions) {
      const listed = exception.districts.some((d) => d.trim().toLowerCase() === wanted);
      if (!listed || (earned[exception.retain] || 0) !== 0) continue;
      const given = earned[exception.inLieuOf] || 0;
      earned[exception.retain] = 1;
      earned[exception.inLieuOf] = Math.max(given - 1, 0);
      const template = given > 0 ? p.flags.exception : p.flags.exceptionWithoutTrade;
      flags.push(template.replace("{retain}", exception.retain).replace("{inLieuOf}", exception.inLieuOf));
    }
    return { indexes: indexes, score: fixed(rounded, places), band: band ? band.label : null, earned: earned, flags: flags };
  }

  function setText(id, text) {
    const element = document.getElementById(id);
    if (element) element.textContent = text;
  }

  function start() {
    const form = document.getElementById("staffing-calculator");
    if (!form || !window.PortalStaffing) return;
    const model = window.PortalStaffing[form.getAttribute("data-model-stem")];
    if (!model) return;
    const exact = model.exactMeans;
    const defaults = {};
    for (const input of form.querySelectorAll("input[data-role=mean]")) {
      const key = input.getAttribute("data-factor");
      if (exact && exact.districts > 0 && exact.sums[key] !== undefined) {
        defaults[key] = { text: input.value, value: rat(BigInt(exact.sums[key]), BigInt(exact.districts)) };
      }
    }

    function run(event) {
      if (event) event.preventDefault();
      const counts = {};
      const means = {};
      const problems = [];
      for (const factor of model.parameters.factors) {
        const countInput = document.getElementById("count-" + factor.key);
        const meanInput = document.getElementById("mean-" + factor.key);
        const count = parseDecimal(countInput.value);
        countInput.setAttribute("aria-invalid", count ? "false" : "true");
        if (!count) problems.push("the count for “" + factor.label + "” must be a number of 0 or more");
        counts[factor.key] = count || ZERO;
        const fallback = defaults[factor.key];
        const mean = fallback && meanInput.value === fallback.text ? fallback.value : parseDecimal(meanInput.value);
        meanInput.setAttribute("aria-invalid", mean ? "false" : "true");
        if (!mean) problems.push("the mean for “" + factor.label + "” must be a number of 0 or more");
        means[factor.key] = mean || ZERO;
      }
      const summary = document.getElementById("calc-summary");
      if (problems.length) {
        summary.hidden = true;
        setText("calc-message", "Check the form: " + problems.join("; ") + ".");
        form.dispatchEvent(new CustomEvent("staffing-result", { detail: null }));
        return;
      }
      const district = document.getElementById("calc-district").value;
      const result = compute(model, district, counts, means);
      const places = model.parameters.rounding.decimals;
      setText("calc-indexes", model.parameters.factors
        .map((f) => f.label + ": " + fixed(roundHalfUp(result.indexes[f.key], places), places)).join("; "));
      setText("calc-score", result.score);
      setText("calc-band", result.band || "none");
      for (const dd of summary.querySelectorAll("dd[data-code]")) {
        dd.textContent = String(result.earned[dd.getAttribute("data-code")] || 0);
      }
      setText("calc-flags", result.flags.length ? result.flags.join("; ") : "none");
      setText("calc-message", "Score " + result.score + (result.band ? ", band " + result.band : ", no band") + ".");
      summary.hidden = false;
      // band-scale.js draws the result on the band scale.
      result.district = district;
      form.dispatchEvent(new CustomEvent("staffing-result", { detail: result }));
    }

    form.addEventListener("submit", run);
    window.PortalStaffingCalculator = { compute: compute, parseDecimal: parseDecimal };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
