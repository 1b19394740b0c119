/* Offline search for the Consultation Portal.
 *
 * Works from file://: the index is a set of plain scripts, each calling one
 * function of the global PortalSearch, added as <script src> elements when a
 * query needs them (no fetch, XHR, modules, workers or WASM). The manifest
 * lists where each term shard starts; a query loads only the shards of its
 * terms, then only the document files of the results it shows.
 *
 * Text from the index is only ever placed with textContent, never as HTML.
 * The tokenizer repeats Sources/PortalSearch/SearchTokenizer.swift exactly.
 */
(function () {
  "use strict";

  var PAGE_SIZE = 10;               // results drawn at a time; each needs its document file
  var PREFIX_WEIGHT = 0.7;          // a word completed from a typed prefix counts less than the word itself
  var MAX_PREFIX_SHARDS = 3;        // a prefix spanning more term shards reads the head shards instead (budget)
  var REPEAT_DAMPING = 0.6;         // each further part of the same document ranks a little lower
  var MAX_PINNED_CODES = 10;        // a partial code like "2345" pins this many codes; the rest rank as usual
  var ALTERNATIVE_WEIGHT = 0.9;     // an abbreviation or expansion standing in for a typed word counts a little less
  var STEM_ONLY_WEIGHT = 0.75;      // a part with another form of a typed word ranks below one with the word itself
  var SITE_PAGE_WEIGHT = 0.5;       // the glossary and staffing figures rank below the documents they explain
  var VERIFY_DOCUMENTS = 10;        // the best results whose text is checked for exact words and adjacent words
  var MAX_PHRASE_DOCUMENTS = 60;    // a quoted phrase checks at most this many documents' texts, within the download budget
  var SITE_PAGE_KIND = "Site page";  // SearchPages.sitePageKind
  var STOP_WORDS = Object.create(null);  // no prototype: "constructor" is a word, not a stop word
  ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it",
    "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with"].forEach(function (w) { STOP_WORDS[w] = true; });
  var MAX_TERM_LENGTH = 32;

  var scriptElement = document.currentScript;
  var base = scriptElement ? scriptElement.src.replace(/assets\/search\.js(\?.*)?$/, "") : "";

  var state = {
    manifest: null, shards: {}, heads: {}, positions: {}, documents: {}, codes: {},
    status: {}, waiters: {}, loaded: [],
    run: 0, results: [], shown: 0, query: null, timer: null
  };

  // ---- Tokenizing (mirrors SearchTokenizer.swift) ----

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "");
  }

  function words(text) {
    return fold(text).replace(/['\u2019]/g, "").match(/[\p{L}\p{N}]+/gu) || [];
  }

  // ---- English stemming (mirrors EnglishStemmer.swift: Snowball's Porter2, own code as no allowed package has one) ----

  var STEM_EXCEPTIONS = {
    skis: "ski", skies: "sky", idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli",
    singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var REGION_PREFIXES = ["gener", "commun", "arsen", "past", "univers", "later", "emerg", "organ", "inter"];
  var STEP2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize", ization: "ize",
    ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al", alli: "al", fulness: "ful", ousli: "ous",
    ousness: "ous", iveness: "ive", iviti: "ive", biliti: "ble", bli: "ble", ogist: "og", ogi: "og", fulli: "ful",
    lessli: "less", li: ""
  };
  var STEP3 = { tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "", ative: "" };
  var STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
    "iti", "ous", "ive", "ize", "ion"];

  function isVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }

  function regionStart(w, from) {
    var i = from;
    while (i < w.length && !isVowel(w.charAt(i))) i++;
    while (i < w.length && isVowel(w.charAt(i))) i++;
    return Math.min(i + 1, w.length);
  }

  function longestSuffix(w, suffixes) {
    var best = null;
    suffixes.forEach(function (suffix) {
      if (w.length >= suffix.length && w.slice(w.length - suffix.length) === suffix && (best === null || suffix.length > best.length)) best = suffix;
    });
    return best;
  }

  function hasVowelBefore(w, end) {
    for (var i = 0; i < end; i++) if (isVowel(w.charAt(i))) return true;
    return false;
  }

  function endsInShortSyllable(w, end) {
    var last = w.charAt(end - 1);
    if (end >= 3 && !isVowel(last) && last !== "w" && last !== "x" && last !== "Y" &&
        isVowel(w.charAt(end - 2)) && !isVowel(w.charAt(end - 3))) return true;
    if (end === 2 && isVowel(w.charAt(0)) && !isVowel(w.charAt(1))) return true;
    return end >= 4 && w.slice(end - 4, end) === "past";
  }

  function step1a(w) {
    var suffix = longestSuffix(w, ["sses", "ied", "ies", "s", "ss", "us"]);
    if (suffix === null) return w;
    var start = w.length - suffix.length;
    if (suffix === "sses") return w.slice(0, start) + "ss";
    if (suffix === "ied" || suffix === "ies") return w.slice(0, start) + (start >= 2 ? "i" : "ie");
    if (suffix === "s" && start >= 2 && hasVowelBefore(w, start - 1)) return w.slice(0, start);
    return w;
  }

  function step1b(w, p1) {
    var suffix = longestSuffix(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (suffix === null) return w;
    var start = w.length - suffix.length;
    var before = w.slice(0, start);
    if (suffix === "eed" || suffix === "eedly") {
      return start >= p1 && ["succ", "proc", "exc"].indexOf(before) < 0 ? before + "ee" : w;
    }
    if (suffix === "ing") {
      if (["even", "cann", "inn", "earr", "herr", "out"].indexOf(before) >= 0) return w;
      if (start === 2 && (w.charAt(1) === "y" || w.charAt(1) === "Y") && !isVowel(w.charAt(0))) return w.charAt(0) + "ie";
    }
    if (!hasVowelBefore(w, start)) return w;
    w = before;
    var n = w.length;
    if (/(at|bl|iz)$/.test(w)) return w + "e";
    if (n >= 2 && w.charAt(n - 1) === w.charAt(n - 2) && "bdfgmnprt".indexOf(w.charAt(n - 1)) >= 0) {
      if (n === 3 && "aeo".indexOf(w.charAt(0)) >= 0) return w;
      return w.slice(0, -1);
    }
    if (p1 === n && endsInShortSyllable(w, n)) return w + "e";
    return w;
  }

  function step1c(w) {
    var n = w.length;
    var last = w.charAt(n - 1);
    if (n >= 3 && (last === "y" || last === "Y") && !isVowel(w.charAt(n - 2))) return w.slice(0, -1) + "i";
    return w;
  }

  function step2(w, p1) {
    var suffix = longestSuffix(w, Object.keys(STEP2));
    if (suffix === null) return w;
    var start = w.length - suffix.length;
    if (start < p1) return w;
    if (suffix === "ogi") return start >= 1 && w.charAt(start - 1) === "l" ? w.slice(0, start) + "og" : w;
    if (suffix === "li") return start >= 1 && "cdeghkmnrt".indexOf(w.charAt(start - 1)) >= 0 ? w.slice(0, start) : w;
    return w.slice(0, start) + STEP2[suffix];
  }

  function step3(w, p1, p2) {
    var suffix = longestSuffix(w, Object.keys(STEP3));
    if (suffix === null) return w;
    var start = w.length - suffix.length;
    if (start < p1) return w;
    if (suffix === "ative") return start >= p2 ? w.slice(0, start) : w;
    return w.slice(0, start) + STEP3[suffix];
  }

  function step4(w, p2) {
    var suffix = longestSuffix(w, STEP4);
    if (suffix === null) return w;
    var start = w.length - suffix.length;
    if (start < p2) return w;
    if (suffix === "ion") return start >= 1 && "st".indexOf(w.charAt(start - 1)) >= 0 ? w.slice(0, start) : w;
    return w.slice(0, start);
  }

  function step5(w, p1, p2) {
    var start = w.length - 1;
    if (start < 0) return w;
    if (w.charAt(start) === "e") {
      return start >= p2 || (start >= p1 && !endsInShortSyllable(w, start)) ? w.slice(0, start) : w;
    }
    if (w.charAt(start) === "l" && start >= p2 && start >= 1 && w.charAt(start - 1) === "l") return w.slice(0, start);
    return w;
  }

  /** The English stem of a word of a–z; other words are returned unchanged. */
  function stem(word) {
    if (!/^[a-z]+$/.test(word)) return word;
    if (Object.prototype.hasOwnProperty.call(STEM_EXCEPTIONS, word)) return STEM_EXCEPTIONS[word];
    if (word.length < 3) return word;
    var w = word.charAt(0) === "y" ? "Y" + word.slice(1) : word;
    for (var i = 1; i < w.length; i++) {
      if (w.charAt(i) === "y" && isVowel(w.charAt(i - 1))) w = w.slice(0, i) + "Y" + w.slice(i + 1);
    }
    var p1 = -1;
    REGION_PREFIXES.forEach(function (prefix) { if (p1 < 0 && w.lastIndexOf(prefix, 0) === 0) p1 = prefix.length; });
    if (p1 < 0) p1 = regionStart(w, 0);
    var p2 = regionStart(w, p1);
    w = step1a(w);
    w = step1b(w, p1);
    w = step1c(w);
    w = step2(w, p1);
    w = step3(w, p1, p2);
    w = step4(w, p2);
    w = step5(w, p1, p2);
    return w.replace(/Y/g, "y");
  }

  function computeTerm(word) {
    if (word.length > MAX_TERM_LENGTH || STOP_WORDS[word]) return null;
    if (word.length === 1 && !/\p{Nd}/u.test(word)) return null;
    return stem(word);
  }

  // Checking and drawing results tokenize whole documents, whose words repeat: each word is stemmed once.
  // The cache is emptied when it reaches MAX_CACHED_TERMS words, so a long session's memory stays bounded.
  var MAX_CACHED_TERMS = 100000;
  var termCache = new Map();

  /** The index term of one folded word, or null for a stop word, a lone letter or an overlong word. */
  function termFor(word) {
    var term = termCache.get(word);
    if (term !== undefined) return term;
    if (termCache.size >= MAX_CACHED_TERMS) termCache.clear();
    term = computeTerm(word);
    termCache.set(word, term);
    return term;
  }

  /** The query's slots: one per distinct term, the last also matching words that start with what was typed. */
  function parseQuery(query) {
    var list = words(query);
    var slots = [];
    var seen = {};
    list.forEach(function (word, position) {
      var term = termFor(word);
      var isLast = position === list.length - 1;
      var prefix = isLast && /[\p{L}\p{N}]$/u.test(query) && word.length >= 2 ? word : null;
      if (!term && !prefix) return;
      var key = (term || "") + "|" + (prefix || "");
      if (seen[key]) return;
      seen[key] = true;
      slots.push({ term: term, prefix: prefix, word: word, alternatives: [] });
    });
    return slots;
  }

  /** The terms of each double-quoted part of the query: a result must hold each of them next to each other. */
  function quotedPhrases(query) {
    var phrases = [];
    var pattern = /["\u201c\u201d]([^"\u201c\u201d]+)["\u201c\u201d]/g;
    var match;
    while ((match = pattern.exec(query))) {
      var terms = words(match[1]).map(termFor).filter(Boolean);
      if (terms.length > 1) phrases.push(terms);
    }
    return phrases;
  }

  /**
   * Adds the glossary's other names to the slots: a typed abbreviation ("crc") also matches parts that hold
   * all the words of its expansion, and typed words that spell out an expansion in order ("customer relations
   * coordinator") also match the abbreviation, each in its own slot.
   */
  function addAlternatives(slots) {
    (state.manifest.abbreviations || []).forEach(function (row) {
      var abbreviation = row[0];
      var expansions = row[1];
      slots.forEach(function (slot) {
        if (slot.term === abbreviation) expansions.forEach(function (terms) { slot.alternatives.push(terms); });
      });
      expansions.forEach(function (terms) {
        for (var start = 0; start + terms.length <= slots.length; start++) {
          var spelled = true;
          for (var k = 0; k < terms.length && spelled; k++) spelled = slots[start + k].term === terms[k];
          if (!spelled) continue;
          for (k = 0; k < terms.length; k++) slots[start + k].alternatives.push([abbreviation]);
        }
      });
    });
  }

  /** An occupation code typed whole or in part: "2345-5035", "23455035", "2345", "2345-50". */
  function codeQuery(query) {
    var match = /^\s*(\d{4})(?:[-\s]?(\d{1,4}))?\s*$/.exec(query);
    if (!match) return null;
    return match[2] ? match[1] + "-" + match[2] : match[1];
  }

  // ---- Loading index scripts ----

  function load(path, done) {
    if (state.status[path] === "done") { done(); return; }
    (state.waiters[path] = state.waiters[path] || []).push(done);
    if (state.status[path]) return;
    state.status[path] = "loading";
    var script = document.createElement("script");
    script.src = base + path;
    script.onload = script.onerror = function () {
      state.status[path] = "done";
      state.loaded.push(path);
      var waiting = state.waiters[path];
      state.waiters[path] = [];
      waiting.forEach(function (callback) { callback(); });
    };
    document.head.appendChild(script);
  }

  function loadAll(paths, done) {
    var left = paths.length;
    if (!left) { done(); return; }
    paths.forEach(function (path) { load(path, function () { if (--left === 0) done(); }); });
  }

  // Shard i holds the terms t with starts[i] <= t < starts[i + 1]; codes are sharded the same way.
  function shardFor(term, starts) {
    starts = starts || state.manifest.shards;
    var low = 0, high = starts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (term < starts[middle]) high = middle - 1; else low = middle;
    }
    return low;
  }

  /**
   * The index files the slots need. A typed prefix whose words fit in MAX_PREFIX_SHARDS term shards loads
   * them whole; one whose words span more loads the head shards of its range instead, which list every
   * term with its best parts, so every word that starts with the prefix is still found within the budget.
   */
  function shardsFor(slots) {
    var needed = {};
    slots.forEach(function (slot) {
      if (slot.term) needed["s/" + shardFor(slot.term)] = true;
      slot.alternatives.forEach(function (terms) {
        terms.forEach(function (term) { needed["s/" + shardFor(term)] = true; });
      });
      if (slot.prefix) {
        var first = shardFor(slot.prefix);
        var last = shardFor(slot.prefix + "\uffff");
        var heads = state.manifest.headShards;
        slot.shards = [];
        slot.headShards = [];
        if (last - first < MAX_PREFIX_SHARDS || !heads) {
          for (var i = first; i <= last; i++) { needed["s/" + i] = true; slot.shards.push(i); }
        } else {
          var lastHead = shardFor(slot.prefix + "\uffff", heads);
          for (var h = shardFor(slot.prefix, heads); h <= lastHead; h++) { needed["h/" + h] = true; slot.headShards.push(h); }
        }
      }
    });
    return Object.keys(needed).sort().map(function (key) { return "search/" + key + ".js"; });
  }

  // ---- Ranking ----

  // A list led by -N keeps only the best parts of the N that contain a very common word. Returns whether the
  // list was cut so, i.e. whether a part missing from it may still hold the word.
  function addPostings(list, weight, into) {
    var document = 0;
    var start = 0;
    if (list[0] < 0) { state.truncated = true; start = 1; }
    for (var i = start; i < list.length; i += 3) {
      document += list[i];
      var key = document * 65536 + list[i + 1];
      var value = list[i + 2] * weight;
      if (!(into.get(key) >= value)) into.set(key, value);
    }
    return start === 1;
  }

  function postingsFor(term) {
    var shard = state.shards[shardFor(term)] || {};
    return Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : null;
  }

  /** Parts that hold every one of `terms`, scored by their average impact; returns whether a list was cut. */
  function addAllOf(terms, weight, into) {
    var cut = false;
    var maps = terms.map(function (term) {
      var map = new Map();
      var list = postingsFor(term);
      if (list) cut = addPostings(list, 1, map) || cut;
      return map;
    });
    maps[0].forEach(function (value, key) {
      var sum = value;
      for (var i = 1; i < maps.length; i++) {
        var other = maps[i].get(key);
        if (other === undefined) return;
        sum += other;
      }
      var score = sum / maps.length * weight;
      if (!(into.get(key) >= score)) into.set(key, score);
    });
    return cut;
  }

  /** A document's kind, read from the manifest's table without building its attributes: rank() asks for every part. */
  function documentKind(number) {
    var m = state.manifest;
    return m.kinds[m.digits.indexOf(m.table.charAt(number * (1 + m.gradeWidth)))];
  }

  function documentAttributes(number) {
    var m = state.manifest;
    var width = 1 + m.gradeWidth;
    var grade = 0;
    for (var i = 1; i < width; i++) grade = grade * m.digits.length + m.digits.indexOf(m.table.charAt(number * width + i));
    return { kind: documentKind(number), grade: grade ? m.grades[grade - 1] : null };
  }

  function byScore(a, b) { return b.score - a.score || a.document - b.document || a.part - b.part; }

  function rank(slots, filters) {
    var totals = new Map();
    state.truncated = false;
    slots.forEach(function (slot) {
      var matches = new Map();
      var list = slot.term ? postingsFor(slot.term) : null;
      // For the phrase check (verify): whether `matches` holds every part that holds the slot's term, and
      // every part that matches the slot in any way (its term, an abbreviation or expansion, a completion).
      slot.termListed = !(list && addPostings(list, 1, matches));
      var cut = !slot.termListed;
      slot.alternatives.forEach(function (terms) { cut = addAllOf(terms, ALTERNATIVE_WEIGHT, matches) || cut; });
      if (slot.prefix) {
        var sources = slot.shards.map(function (n) { return state.shards[n]; })
          .concat(slot.headShards.map(function (n) { return state.heads[n]; }));
        sources.forEach(function (terms) {
          Object.keys(terms || {}).forEach(function (term) {
            if (term !== slot.term && term.lastIndexOf(slot.prefix, 0) === 0) {
              cut = addPostings(terms[term], PREFIX_WEIGHT, matches) || cut;
              state.completions[term] = true;
            }
          });
        });
      }
      slot.listed = !cut;
      slot.matches = matches;
      matches.forEach(function (value, key) {
        var total = totals.get(key);
        if (total === undefined) { totals.set(key, { score: value, matched: 1 }); return; }
        total.score += value;
        total.matched += 1;
      });
    });
    var results = [];
    totals.forEach(function (total, key) {
      var documentNumber = Math.floor(key / 65536);
      var kind = documentKind(documentNumber);
      if (filters.kind && kind !== filters.kind) return;
      if (filters.grade && documentAttributes(documentNumber).grade !== filters.grade) return;
      var coverage = total.matched / slots.length;
      var sitePage = kind === SITE_PAGE_KIND;
      results.push({
        document: documentNumber, part: key % 65536, sitePage: sitePage,
        score: total.score * coverage * coverage * (sitePage ? SITE_PAGE_WEIGHT : 1)
      });
    });
    results.sort(byScore);
    var seen = {};
    results.forEach(function (result) {
      var count = seen[result.document] || 0;
      result.score *= Math.pow(REPEAT_DAMPING, count);
      seen[result.document] = count + 1;
    });
    return results.sort(byScore);
  }

  // ---- Checking the best results' text: exact words, adjacent words, quoted phrases ----

  /** A result's heading and text as two runs of {word, term}; words never count as adjacent across the two. */
  function partRuns(result) {
    var doc = state.documents[result.document];
    if (!doc) return [];
    var texts = result.part > 0
      ? [doc.parts[result.part - 1][1], doc.parts[result.part - 1][2]]
      : [doc.title, [doc.code || "", doc.grade || "", doc.text].join(" ")];
    return texts.map(function (text) {
      return words(text || "").map(function (word) { return { word: word, term: termFor(word) }; })
        .filter(function (item) { return item.term; });
    });
  }

  function holdsInOrder(runs, terms) {
    return runs.some(function (run) {
      for (var i = 0; i + terms.length <= run.length; i++) {
        var k = 0;
        while (k < terms.length && run[i + k].term === terms[k]) k++;
        if (k === terms.length) return true;
      }
      return false;
    });
  }

  /** How many typed words the part holds only in another form ("coordinator" for "coordinating"). */
  function stemOnlyWords(runs, slots) {
    var count = 0;
    slots.forEach(function (slot) {
      if (!slot.term) return;
      var stemOnly = false;
      var exact = false;
      runs.forEach(function (run) {
        run.forEach(function (item) {
          if (item.term !== slot.term) return;
          if (item.word === slot.word) exact = true; else stemOnly = true;
        });
      });
      if (stemOnly && !exact) count++;
    });
    return count;
  }

  /** Documents of the first results, up to `limit` of them, and how many results they cover. */
  function leadingDocuments(results, limit) {
    var numbers = [];
    var count = 0;
    while (count < results.length) {
      var number = results[count].document;
      if (numbers.indexOf(number) < 0) {
        if (numbers.length === limit) break;
        numbers.push(number);
      }
      count++;
    }
    return { paths: numbers.map(function (n) { return "search/d/" + n + ".js"; }), count: count };
  }

  /**
   * The results that may hold every quoted phrase and match the query's other words. A part that holds a
   * phrase holds each of its terms, but a very common term's list keeps only its best parts (rank() marks
   * slot.termListed), so a part missing from it may still hold the phrase: the text check settles a phrase's
   * terms, and only complete lists narrow the candidates. The other words are not checked in the text, so
   * every part must match them. When no list narrows the candidates (all of a phrase's words are cut and
   * nothing else is typed), they must match every word, the best that can be done, and
   * state.phraseIncomplete says that parts holding the phrase may be missing, as it does when a cut list of
   * another word narrows them.
   */
  function phraseCandidates(results, slots, phrases) {
    var inPhrase = function (slot) {
      return slot.term && phrases.some(function (phrase) { return phrase.indexOf(slot.term) >= 0; });
    };
    var required = slots.filter(function (slot) { return !inPhrase(slot) || slot.termListed; });
    if (!required.length) required = slots;
    state.phraseIncomplete = !required.every(function (slot) { return inPhrase(slot) ? slot.termListed : slot.listed; });
    return results.filter(function (result) {
      var key = result.document * 65536 + result.part;
      return required.every(function (slot) { return slot.matches.has(key); });
    });
  }

  // ---- Quoted phrases by word positions ----

  /** The position files (search/p/N.js, beside each term shard) of the phrases' words. */
  function positionPaths(phrases) {
    var needed = {};
    phrases.forEach(function (phrase) {
      phrase.forEach(function (term) { needed["search/p/" + shardFor(term) + ".js"] = true; });
    });
    return Object.keys(needed).sort();
  }

  /**
   * A term's positions by part key, read beside its postings: each posting's count of positions, then the first
   * and the gaps to the next. A part with a count of 0, or none listed, maps to nothing: its text must tell.
   */
  function positionsByPart(term, memo) {
    if (memo.has(term)) return memo.get(term);
    var map = new Map();
    var shard = shardFor(term);
    var list = postingsFor(term);
    var terms = state.positions[shard] || {};
    var positions = Object.prototype.hasOwnProperty.call(terms, term) ? terms[term] : null;
    if (list && positions) {
      var document = 0;
      var at = 0;
      for (var i = list[0] < 0 ? 1 : 0; i < list.length && at < positions.length; i += 3) {
        document += list[i];
        var count = positions[at++];
        if (count > 0) {
          var found = [];
          var position = 0;
          for (var k = 0; k < count; k++) { position += positions[at++]; found.push(position); }
          map.set(document * 65536 + list[i + 1], found);
        }
      }
    }
    memo.set(term, map);
    return map;
  }

  /** Whether the part holds the phrase by its words' positions: true, false, or null when a word's positions are not listed for it. */
  function holdsByPositions(key, phrase, memo) {
    var lists = [];
    for (var i = 0; i < phrase.length; i++) {
      var found = positionsByPart(phrase[i], memo).get(key);
      if (!found) return null;
      lists.push(found);
    }
    return lists[0].some(function (start) {
      for (var k = 1; k < lists.length; k++) if (lists[k].indexOf(start + k) < 0) return false;
      return true;
    });
  }

  /** The candidates split by their positions: those that hold every phrase, and those only their text can settle. */
  function settleByPositions(candidates, phrases) {
    var memo = new Map();
    var held = [];
    var open = [];
    candidates.forEach(function (result) {
      var key = result.document * 65536 + result.part;
      var all = true;
      for (var i = 0; i < phrases.length; i++) {
        var holds = holdsByPositions(key, phrases[i], memo);
        if (holds === false) return;
        if (holds === null) all = false;
      }
      (all ? held : open).push(result);
    });
    return { held: held, open: open };
  }

  /**
   * Reorders the best results by their text: parts that hold the typed words next to each other first,
   * then parts with fewer typed words found only in another form, so exact words rank above stem-only matches.
   * With quoted phrases, keeps only the parts that hold each phrase. Candidates from at most VERIFY_DOCUMENTS
   * documents are read, as the results shown would be; more are settled by their words' positions first
   * (settleByPositions, one file per word), and the rest by the text of the best MAX_PHRASE_DOCUMENTS documents among them.
   */
  function verify(run, results, slots, phrases, done) {
    if (!phrases.length) return reorderHead(run, results, slots, done);
    var candidates = phraseCandidates(results, slots, phrases);
    var few = leadingDocuments(candidates, VERIFY_DOCUMENTS).count === candidates.length;
    loadAll(few ? [] : positionPaths(phrases), function () {
      if (run !== state.run) return;
      var settled = few ? { held: [], open: candidates } : settleByPositions(candidates, phrases);
      var lead = leadingDocuments(settled.open, MAX_PHRASE_DOCUMENTS);
      state.phraseLimited = lead.count < settled.open.length;
      loadAll(lead.paths, function () {
        if (run !== state.run) return;
        var read = settled.open.slice(0, lead.count).filter(function (result) {
          var runs = partRuns(result);
          return phrases.every(function (phrase) { return holdsInOrder(runs, phrase); });
        });
        reorderHead(run, settled.held.concat(read).sort(byScore), slots, done);
      });
    });
  }

  /** The text check of the best VERIFY_DOCUMENTS documents' results, which reorders them; the rest follow by score. */
  function reorderHead(run, results, slots, done) {
    var lead = leadingDocuments(results, VERIFY_DOCUMENTS);
    var terms = slots.map(function (slot) { return slot.term; }).filter(Boolean);
    loadAll(lead.paths, function () {
      if (run !== state.run) return;
      var head = results.slice(0, lead.count).map(function (result) {
        var runs = partRuns(result);
        // A glossary entry spells out its expansion in its heading; it never outranks the documents for that alone.
        result.adjacent = terms.length > 1 && !result.sitePage && holdsInOrder(runs, terms);
        result.stemOnly = stemOnlyWords(runs, slots);
        result.score *= Math.pow(STEM_ONLY_WEIGHT, result.stemOnly);
        return result;
      });
      head.sort(function (a, b) {
        return (b.adjacent ? 1 : 0) - (a.adjacent ? 1 : 0) || a.stemOnly - b.stemOnly ||
          b.score - a.score || a.document - b.document || a.part - b.part;
      });
      done(head.concat(results.slice(lead.count)));
    });
  }

  function codeShardsFor(code) {
    var starts = state.manifest.codeShards;
    if (!starts.length) return [];
    var first = shardFor(code, starts);
    var last = Math.min(shardFor(code + "\uffff", starts), first + 1);
    var numbers = [];
    for (var i = first; i <= last; i++) numbers.push(i);
    return numbers;
  }

  /** Moves the pages of the typed occupation code to the top: its code page, or else its position descriptions. */
  function pinCodes(code, results, filters) {
    var table = state.codes;
    var pinned = [];
    var pinnedKeys = {};
    var codes = Object.keys(table).filter(function (full) { return full.lastIndexOf(code, 0) === 0; }).sort();
    codes.slice(0, MAX_PINNED_CODES).forEach(function (full) {
      var entry = table[full];
      if (filters.grade && entry.grade !== filters.grade) return;
      if (entry.page && !filters.kind) {
        pinned.push({
          codePage: entry.page, code: full, grade: entry.grade,
          title: entry.title || "Occupation code " + full + " (no description on file)"
        });
        return;
      }
      entry.documents.slice().reverse().forEach(function (number) {
        var attributes = documentAttributes(number);
        if (filters.kind && attributes.kind !== filters.kind) return;
        pinnedKeys[number * 65536] = true;
        pinned.push({ document: number, part: 0, score: Infinity });
      });
    });
    return pinned.concat(results.filter(function (result) { return !pinnedKeys[result.document * 65536 + result.part]; }));
  }

  // ---- Running a query ----

  function currentFilters() {
    var kind = document.getElementById("search-kind");
    var grade = document.getElementById("search-grade");
    return { kind: kind ? kind.value : "", grade: grade ? grade.value : "" };
  }

  function search(query, filters) {
    var run = ++state.run;
    var started = performance.now();
    var slots = parseQuery(query);
    var phrases = quotedPhrases(query);
    var code = codeQuery(query);
    state.truncated = false;
    state.phraseQuery = phrases.length > 0;
    state.phraseLimited = false;
    state.phraseIncomplete = false;
    state.completions = {};
    if (!slots.length && !code) {
      finish(run, query, [], started);
      return;
    }
    addAlternatives(slots);
    var paths = shardsFor(slots);
    if (code) codeShardsFor(code).forEach(function (n) { paths.push("search/c/" + n + ".js"); });
    loadAll(paths, function () {
      if (run !== state.run) return;
      var ranked = slots.length ? rank(slots, filters) : [];
      verify(run, ranked, slots, phrases, function (results) {
        if (code) results = pinCodes(code, results, filters);
        state.highlight = slots;
        finish(run, query, results, started);
      });
    });
  }

  function finish(run, query, results, started) {
    state.results = results;
    state.shown = 0;
    state.query = query;
    var list = document.getElementById("search-results");
    showMore(run, function () {
      if (run !== state.run) return;
      announce(query, results.length);
      PortalSearch.last = {
        query: query, results: results.length, milliseconds: performance.now() - started,
        loaded: state.loaded.slice(), completions: Object.keys(state.completions || {}).sort()
      };
      list.setAttribute("data-query", query);
    }, true);
  }

  function showMore(run, done, replace) {
    var batch = state.results.slice(state.shown, state.shown + PAGE_SIZE);
    var paths = [];
    batch.forEach(function (result) {
      if (!result.codePage) {
        var path = "search/d/" + result.document + ".js";
        if (paths.indexOf(path) < 0) paths.push(path);
      }
    });
    loadAll(paths, function () {
      if (run !== state.run) return;
      var list = document.getElementById("search-results");
      if (replace) while (list.firstChild) list.removeChild(list.firstChild);
      batch.forEach(function (result) { list.appendChild(renderResult(result)); });
      state.shown += batch.length;
      document.getElementById("search-more").hidden = state.shown >= state.results.length;
      if (done) done();
    });
  }

  function announce(query, count) {
    var status = document.getElementById("search-status");
    var trimmed = query.trim();
    if (!trimmed) { status.textContent = ""; return; }
    // A phrase's results are cut only where the phrase check could not reach every part (verify), never
    // merely because a word's list was cut; then the line says there may be more, even with none found.
    var partial = state.phraseQuery && (state.phraseIncomplete || state.phraseLimited);
    var quoted = "\u201c" + trimmed + "\u201d";
    if (count === 0) {
      status.textContent = partial
        ? "No results for " + quoted + " among the best matches checked for the exact phrase; other parts may hold it. Add a rarer word to narrow the search."
        : "No results for " + quoted + ". Check the spelling, use fewer words, or clear the filters.";
      return;
    }
    status.textContent = count + (count === 1 ? " result" : " results") + " for " + quoted +
      (partial ? ", from the best matches checked for the exact phrase; there may be more." :
        state.truncated && !state.phraseQuery ? ", the best of many: add words to narrow them." : ".");
  }

  // ---- Drawing results (textContent only) ----

  function element(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function renderResult(result) {
    var item = element("li", "search-result");
    var link = element("a", "search-result-link");
    var meta = element("p", "search-result-meta");
    if (result.codePage) {
      link.setAttribute("href", result.codePage);
      link.appendChild(element("span", "search-result-title", result.title));
      meta.appendChild(element("span", "tag", "Occupation code"));
      appendCode(meta, result.code, result.grade);
      item.appendChild(link);
      item.appendChild(meta);
      return item;
    }
    var doc = state.documents[result.document];
    var part = result.part > 0 ? doc.parts[result.part - 1] : null;
    link.setAttribute("href", doc.url + (part ? "#" + part[0] : ""));
    link.appendChild(element("span", "search-result-title", doc.title));
    if (part && part[1]) link.appendChild(element("span", "search-result-part", " \u2014 " + part[1]));
    item.appendChild(link);
    meta.appendChild(element("span", "tag", doc.kind));
    meta.appendChild(document.createTextNode(" "));
    var time = element("time", null, doc.dateText);
    time.setAttribute("datetime", doc.date);
    meta.appendChild(time);
    appendCode(meta, doc.code, doc.grade);
    item.appendChild(meta);
    var text = part ? part[2] : doc.text;
    if (!text && doc.parts.length) text = doc.parts[0][2];
    if (text) item.appendChild(snippet(text, state.highlight || []));
    return item;
  }

  function appendCode(meta, code, grade) {
    if (code) {
      meta.appendChild(document.createTextNode(" "));
      // Every occupation code shown links to its page; the index only ever holds NNNN-NNNN codes.
      var badge = element(/^\d{4}-\d{4}$/.test(code) ? "a" : "span", "code", code);
      if (badge.tagName === "A") badge.setAttribute("href", base + "codes/" + code + ".html");
      meta.appendChild(badge);
    }
    if (grade) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(element("span", "grade", grade)); }
  }

  function matchesQuery(word, slots) {
    var folded = fold(word).replace(/['\u2019]/g, "");
    var term = termFor(folded);
    return slots.some(function (slot) {
      return (term && term === slot.term) || (slot.prefix && folded.lastIndexOf(slot.prefix, 0) === 0) ||
        (term && slot.alternatives.some(function (terms) { return terms.indexOf(term) >= 0; }));
    });
  }

  // Whether each word as written matches the query's slots, kept while the same slots are drawn: the snippets
  // of one query's results repeat their words, which are folded and stemmed only once.
  var matching = { slots: null, words: new Map() };

  function matchesQueryCached(word, slots) {
    if (matching.slots !== slots) matching = { slots: slots, words: new Map() };
    var matches = matching.words.get(word);
    if (matches === undefined) { matches = matchesQuery(word, slots); matching.words.set(word, matches); }
    return matches;
  }

  /**
   * About 240 characters around the first match, matches wrapped in <mark>. The window never reaches past 240
   * characters after the first match, so the scan for matches stops there: a long document is not read to its end.
   */
  function snippet(text, slots) {
    var wordPattern = /[\p{L}\p{N}\p{Mn}]+(?:['\u2019][\p{L}\p{N}\p{Mn}]+)*/gu;
    var found = [];
    var match;
    while ((match = wordPattern.exec(text))) {
      if (found.length && match.index >= found[0].start + 240) break;
      if (matchesQueryCached(match[0], slots)) found.push({ start: match.index, end: match.index + match[0].length });
    }
    var start = found.length ? Math.max(0, found[0].start - 80) : 0;
    if (start > 0) {
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < found[0].start) start = space + 1;
    }
    var end = Math.min(text.length, start + 240);
    if (end < text.length) {
      var lastSpace = text.lastIndexOf(" ", end);
      if (lastSpace > start && (!found.length || lastSpace > found[0].end)) end = lastSpace;
    }
    var paragraph = element("p", "search-result-snippet");
    if (start > 0) paragraph.appendChild(document.createTextNode("\u2026 "));
    var position = start;
    found.forEach(function (range) {
      if (range.start < start || range.end > end) return;
      paragraph.appendChild(document.createTextNode(text.slice(position, range.start)));
      paragraph.appendChild(element("mark", null, text.slice(range.start, range.end)));
      position = range.end;
    });
    paragraph.appendChild(document.createTextNode(text.slice(position, end)));
    if (end < text.length) paragraph.appendChild(document.createTextNode(" \u2026"));
    return paragraph;
  }

  // ---- The page: URL, typing, filters, keyboard ----

  function updateURL(query, filters) {
    var params = [];
    if (query) params.push("q=" + encodeURIComponent(query));
    if (filters.kind) params.push("kind=" + encodeURIComponent(filters.kind));
    if (filters.grade) params.push("grade=" + encodeURIComponent(filters.grade));
    try {
      history.replaceState(null, "", location.pathname + (params.length ? "?" + params.join("&") : ""));
    } catch (error) {
      // Some browsers refuse to rewrite file:// URLs; the results still show.
    }
  }

  function parameter(name) {
    var match = new RegExp("[?&]" + name + "=([^&#]*)").exec(location.search);
    if (!match) return "";
    try { return decodeURIComponent(match[1].replace(/\+/g, " ")); } catch (error) { return ""; }
  }

  function selectValue(select, value) {
    if (!select) return;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.selectedIndex = i; return; }
    }
  }

  function runFromPage() {
    var box = document.getElementById("search-query");
    var filters = currentFilters();
    updateURL(box.value, filters);
    search(box.value, filters);
  }

  function resultLinks() {
    return Array.prototype.slice.call(document.querySelectorAll("#search-results .search-result-link"));
  }

  function onKeyDown(event) {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var box = document.getElementById("search-query");
    var links = resultLinks();
    if (!links.length) return;
    var index = links.indexOf(document.activeElement);
    if (document.activeElement === box) index = -1;
    else if (index < 0) return;
    var next = index + (event.key === "ArrowDown" ? 1 : -1);
    event.preventDefault();
    if (next < 0) box.focus();
    else links[Math.min(next, links.length - 1)].focus();
  }

  function start() {
    var box = document.getElementById("search-query");
    var form = document.getElementById("search-form");
    if (!box || !form || !state.manifest) return;
    box.value = parameter("q");
    selectValue(document.getElementById("search-kind"), parameter("kind"));
    selectValue(document.getElementById("search-grade"), parameter("grade"));
    box.addEventListener("input", function () {
      clearTimeout(state.timer);
      state.timer = setTimeout(runFromPage, 80);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(state.timer);
      runFromPage();
    });
    ["search-kind", "search-grade"].forEach(function (id) {
      var select = document.getElementById(id);
      if (select) select.addEventListener("change", runFromPage);
    });
    document.getElementById("search-more").addEventListener("click", function () {
      var links = resultLinks().length;
      showMore(state.run, function () {
        var all = resultLinks();
        if (all[links]) all[links].focus();
      }, false);
    });
    document.addEventListener("keydown", onKeyDown);
    if (box.value) search(box.value, currentFilters());
  }

  window.PortalSearch = {
    /** The English stem of one folded word, as EnglishStemmer.swift makes it; a browser test keeps the two in step. */
    stem: stem,
    /** The index terms of `text`, as the Swift tokenizer makes them; a browser test keeps the two in step. */
    terms: function (text) {
      return words(text).map(termFor).filter(function (term) { return term !== null; });
    },
    manifest: function (manifest) {
      state.manifest = manifest;
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
      else start();
    },
    addShard: function (number, terms) { state.shards[number] = terms; },
    addHeads: function (number, terms) { state.heads[number] = terms; },
    addPositions: function (number, terms) { state.positions[number] = terms; },
    addDocument: function (number, fields) { state.documents[number] = fields; },
    addCodes: function (number, codes) {
      Object.keys(codes).forEach(function (code) { state.codes[code] = codes[code]; });
    },
    /** The last finished query: its result count, time in milliseconds, the index files loaded so far and
     *  the words its typed prefix completed to. */
    last: null,
    tokenize: function (text) { return words(text).map(termFor).filter(Boolean); }
  };
})();
