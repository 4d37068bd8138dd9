// The network page: search, filters by kind and year, neighbourhood highlight, side panel.
// Every string from the graph comes from untrusted documents: it only ever reaches the page through
// textContent or vis-network's canvas, never as HTML.
// The page state lives in the URL fragment (#q=...&hide=...&from=...&to=...&node=...), so a view can
// be shared, and tests can drive the page; the body's data-* attributes report what is shown.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var GLYPHS = { dot: "●", square: "■", hexagon: "⬢", diamond: "◆", triangle: "▲", triangleDown: "▼", star: "★" };
  var DIM_NODE = "#e6e6e6";
  var DIM_EDGE = "rgba(200,200,200,0.35)";

  var nodeById = {};
  var edgeById = {};
  var linksOf = {};
  // Quotes and posts are written once in the page, cited by number from nodes and edges.
  function quoted(number) { return data.quotes[number]; }
  data.nodes.forEach(function (node) {
    nodeById[node.id] = node;
    linksOf[node.id] = [];
    node.searchNames = node.names.map(fold);
    node.evidence = node.evidence.map(quoted);
    node.posts = node.posts.map(function (number) { return data.posts[number]; });
  });
  data.edges.forEach(function (edge) {
    edge.evidence = edge.evidence.map(quoted);
    edgeById[edge.id] = edge;
    linksOf[edge.from].push(edge);
    if (edge.to !== edge.from) linksOf[edge.to].push(edge);
  });

  var state = { query: "", hidden: {}, from: null, to: null, node: null, edge: null };
  var shown = { nodes: {}, edges: {} };
  var highlighted = false;

  var nodes = new vis.DataSet(data.nodes.map(function (node) {
    shown.nodes[node.id] = true;
    return { id: node.id, label: node.label, shape: node.shape, color: node.color, size: node.size,
             x: node.x, y: node.y, title: nodeTooltip(node) };
  }));
  var edges = new vis.DataSet(data.edges.map(function (edge) {
    shown.edges[edge.id] = true;
    var item = { id: edge.id, from: edge.from, to: edge.to, label: edge.label, title: edgeTooltip(edge) };
    if (edge.smooth) item.smooth = edge.smooth;
    return item;
  }));

  var $ = function (id) { return document.getElementById(id); };
  var searchInput = $("search");
  var results = $("results");
  var yearFrom = $("year-from");
  var yearTo = $("year-to");
  var details = $("details");

  buildLegend();
  if (data.years.length) {
    [yearFrom, yearTo].forEach(function (input) { input.min = data.years[0]; input.max = data.years[1]; });
    yearFrom.placeholder = data.years[0];
    yearTo.placeholder = data.years[1];
  }

  var network = new vis.Network($("network"), { nodes: nodes, edges: edges }, data.options);
  network.on("stabilizationProgress", function (progress) {
    setStatus("Laying out " + data.nodes.length + " nodes… " +
              Math.round(100 * progress.iterations / progress.total) + "%");
  });
  network.once("stabilizationIterationsDone", settled);
  if (!data.nodes.length) settled();

  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else clearSelection();
    saveState();
  });

  searchInput.addEventListener("input", function () {
    state.query = searchInput.value;
    showResults();
    saveState();
  });
  searchInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      var first = results.querySelector("button");
      if (first) first.click();
    } else if (event.key === "Escape") {
      results.hidden = true;
    }
  });
  [yearFrom, yearTo].forEach(function (input) {
    input.addEventListener("input", function () {
      state.from = readYear(yearFrom);
      state.to = readYear(yearTo);
      applyFilters();
      saveState();
    });
  });
  $("reset").addEventListener("click", function () {
    state.hidden = {};
    state.from = state.to = null;
    yearFrom.value = yearTo.value = "";
    document.querySelectorAll("#legend input").forEach(function (box) { box.checked = true; });
    searchInput.value = state.query = "";
    results.hidden = true;
    clearSelection();
    applyFilters();
    network.fit();
    saveState();
  });

  // After the layout has settled, physics stops: the picture holds still and big graphs stay responsive.
  function settled() {
    if (document.body.dataset.state === "stable") return;
    network.setOptions({ physics: false });
    loadState();
    // A link to another view of this page, followed or pasted while it is open.
    window.addEventListener("hashchange", loadState);
    document.body.dataset.stableMs = String(Math.round(performance.now()));
    document.body.dataset.state = "stable";
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function kindLabel(node) {
    return node.type || node.kind;
  }

  function nodeTooltip(node) {
    var box = el("div");
    box.appendChild(el("strong", node.label));
    box.appendChild(el("div", kindLabel(node) + (node.years.length ? " · " + yearSpan(node.years) : "")));
    return box;
  }

  function edgeTooltip(edge) {
    var box = el("div");
    box.appendChild(el("strong", edge.label));
    box.appendChild(el("div", nodeById[edge.from].label + " → " + nodeById[edge.to].label));
    return box;
  }

  function yearSpan(years) {
    return years.length > 1 ? years[0] + "–" + years[years.length - 1] : String(years[0]);
  }

  function setStatus(text) {
    $("status").textContent = text;
  }

  function buildLegend() {
    var legend = $("legend");
    data.kinds.forEach(function (kind) {
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = kind.key;
      box.addEventListener("change", function () {
        if (box.checked) delete state.hidden[kind.key];
        else state.hidden[kind.key] = true;
        applyFilters();
        saveState();
      });
      var glyph = el("span", GLYPHS[kind.shape] || "●", "glyph");
      glyph.style.color = kind.color;
      var label = el("label");
      label.appendChild(box);
      label.appendChild(glyph);
      label.appendChild(el("span", kind.label));
      label.appendChild(el("span", kind.count, "count"));
      var item = el("li");
      item.appendChild(label);
      legend.appendChild(item);
    });
  }

  function readYear(input) {
    var year = parseInt(input.value, 10);
    return isNaN(year) ? null : year;
  }

  function inYears(years) {
    if (!years.length) return true;
    var from = state.from === null ? -Infinity : state.from;
    var to = state.to === null ? Infinity : state.to;
    return years.some(function (year) { return year >= from && year <= to; });
  }

  // Hide what the filters exclude; only changed items are updated, so big graphs stay quick.
  function applyFilters() {
    var nodeChanges = [];
    var edgeChanges = [];
    var nodeCount = 0;
    var edgeCount = 0;
    data.nodes.forEach(function (node) {
      var visible = !state.hidden[node.kind] && inYears(node.years);
      if (visible !== shown.nodes[node.id]) nodeChanges.push({ id: node.id, hidden: !visible });
      shown.nodes[node.id] = visible;
      if (visible) nodeCount += 1;
    });
    data.edges.forEach(function (edge) {
      var visible = shown.nodes[edge.from] && shown.nodes[edge.to] && inYears(edge.years);
      if (visible !== shown.edges[edge.id]) edgeChanges.push({ id: edge.id, hidden: !visible });
      shown.edges[edge.id] = visible;
      if (visible) edgeCount += 1;
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    document.body.dataset.nodesShown = String(nodeCount);
    document.body.dataset.edgesShown = String(edgeCount);
    setStatus(nodeCount + " of " + data.nodes.length + " nodes, " + edgeCount + " of " +
              data.edges.length + " links shown");
    if (state.node && !shown.nodes[state.node]) clearSelection();
  }

  function matches(query) {
    var folded = fold(query.trim());
    if (!folded) return [];
    var found = data.nodes.filter(function (node) {
      return node.searchNames.some(function (name) { return name.indexOf(folded) >= 0; });
    });
    found.sort(function (a, b) {
      var aStarts = a.searchNames.some(function (name) { return name.indexOf(folded) === 0; });
      var bStarts = b.searchNames.some(function (name) { return name.indexOf(folded) === 0; });
      return (bStarts - aStarts) || (b.size - a.size) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    });
    return found;
  }

  function showResults() {
    results.textContent = "";
    var found = matches(state.query);
    document.body.dataset.matches = String(found.length);
    if (!state.query.trim()) {
      results.hidden = true;
      return;
    }
    found.slice(0, 20).forEach(function (node) {
      var button = el("button", node.label + " · " + kindLabel(node));
      button.type = "button";
      button.dataset.id = node.id;
      button.addEventListener("click", function () {
        results.hidden = true;
        selectNode(node.id, true);
        saveState();
      });
      var item = el("li");
      item.appendChild(button);
      results.appendChild(item);
    });
    if (!found.length) results.appendChild(el("li", "No name matches.", "none"));
    results.hidden = false;
  }

  function selectNode(id, focus) {
    var node = nodeById[id];
    if (!node) return;
    if (!shown.nodes[id]) {
      // A search result hidden by the filters: show everything again rather than select nothing.
      $("reset").click();
    }
    state.node = id;
    state.edge = null;
    network.selectNodes([id]);
    if (focus) network.focus(id, { scale: 1.2, animation: false });
    highlight(id);
    showNode(node);
    document.body.dataset.selected = id;
  }

  function selectEdge(id) {
    var edge = edgeById[id];
    if (!edge) return;
    state.node = null;
    state.edge = id;
    unhighlight();
    showEdge(edge);
    document.body.dataset.selected = id;
  }

  function clearSelection() {
    state.node = state.edge = null;
    network.unselectAll();
    unhighlight();
    details.hidden = true;
    details.textContent = "";
    delete document.body.dataset.selected;
  }

  // Grey out everything but the node, its links and its neighbours.
  function highlight(id) {
    var near = {};
    near[id] = true;
    var nearEdges = {};
    linksOf[id].forEach(function (edge) {
      near[edge.from] = near[edge.to] = true;
      nearEdges[edge.id] = true;
    });
    nodes.update(data.nodes.map(function (node) {
      return near[node.id] ? { id: node.id, color: node.color, font: { color: "#222222" } }
                           : { id: node.id, color: DIM_NODE, font: { color: "#c8c8c8" } };
    }));
    edges.update(data.edges.map(function (edge) {
      return { id: edge.id, color: nearEdges[edge.id] ? { color: "#555555" } : { color: DIM_EDGE },
               font: { color: nearEdges[edge.id] ? "#333333" : "rgba(0,0,0,0)" } };
    }));
    highlighted = true;
    document.body.dataset.highlighted = String(Object.keys(near).length);
  }

  function unhighlight() {
    if (!highlighted) return;
    nodes.update(data.nodes.map(function (node) {
      return { id: node.id, color: node.color, font: { color: "#222222" } };
    }));
    edges.update(data.edges.map(function (edge) {
      return { id: edge.id, color: { color: data.options.edges.color.color }, font: { color: "#555555" } };
    }));
    highlighted = false;
    delete document.body.dataset.highlighted;
  }

  function openPanel(title, subtitle) {
    details.textContent = "";
    var close = el("button", "×", "close");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { clearSelection(); saveState(); });
    details.appendChild(close);
    details.appendChild(el("h2", title));
    details.appendChild(el("p", subtitle, "kind"));
    details.hidden = false;
  }

  function addFacts(facts) {
    if (!facts.length) return;
    var list = el("dl");
    facts.forEach(function (fact) {
      list.appendChild(el("dt", fact[0]));
      list.appendChild(el("dd", fact[1]));
    });
    details.appendChild(list);
  }

  function addEvidence(quotes) {
    if (!quotes.length) return;
    details.appendChild(el("h3", "Evidence"));
    quotes.forEach(function (quote) {
      var block = el("blockquote", quote[0]);
      block.appendChild(sourceElement(quote[1], quote[2], quote[3], quote[4]));
      details.appendChild(block);
    });
  }

  function sourceText(title, date, file) {
    return "— " + title + (date ? ", " + date : "") + (file ? " (" + file + ")" : "");
  }

  // The post's title and date, linked to the post's URL (in a new tab) when its source gave one.
  function sourceElement(title, date, file, url) {
    var span = el("span", url ? "— " : sourceText(title, date, file), "source");
    if (url && /^https?:\/\//i.test(url)) {
      var link = el("a", title + (date ? ", " + date : ""));
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener";
      span.appendChild(link);
    } else if (url) {
      span.textContent = sourceText(title, date, file);
    }
    return span;
  }

  function showNode(node) {
    openPanel(node.label, kindLabel(node) + (node.years.length ? " · " + yearSpan(node.years) : ""));
    var facts = node.facts.slice();
    if (node.names.length > 1) facts.unshift(["also called", node.names.slice(1).join(", ")]);
    addFacts(facts);
    var links = linksOf[node.id].filter(function (edge) { return shown.edges[edge.id]; });
    if (links.length) {
      details.appendChild(el("h3", "Links (" + links.length + ")"));
      var list = el("ul");
      links.forEach(function (edge) {
        var outgoing = edge.from === node.id;
        var other = nodeById[outgoing ? edge.to : edge.from];
        var item = el("li", outgoing ? edge.label + " → " : "← " + edge.label + " · ");
        var button = el("button", other.label, "link");
        button.type = "button";
        button.addEventListener("click", function () { selectNode(other.id, true); saveState(); });
        item.appendChild(button);
        list.appendChild(item);
      });
      details.appendChild(list);
    }
    addEvidence(node.evidence);
    if (node.posts.length) {
      details.appendChild(el("h3", "Named in"));
      var posts = el("ul");
      node.posts.forEach(function (post) {
        if (!post[3]) { posts.appendChild(el("li", sourceText(post[0], post[1], post[2]))); return; }
        var item = el("li");
        item.appendChild(sourceElement(post[0], post[1], post[2], post[3]));
        posts.appendChild(item);
      });
      details.appendChild(posts);
    }
  }

  function showEdge(edge) {
    openPanel(nodeById[edge.from].label + " → " + nodeById[edge.to].label,
              edge.label + (edge.years.length ? " · " + yearSpan(edge.years) : ""));
    addFacts(edge.facts);
    addEvidence(edge.evidence);
  }

  function saveState() {
    var params = new URLSearchParams();
    if (state.query) params.set("q", state.query);
    var hidden = Object.keys(state.hidden).sort();
    if (hidden.length) params.set("hide", hidden.join(","));
    if (state.from !== null) params.set("from", state.from);
    if (state.to !== null) params.set("to", state.to);
    if (state.node) params.set("node", state.node);
    if (state.edge) params.set("edge", state.edge);
    var hash = params.toString();
    try {
      history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
    } catch (error) {
      // Some browsers refuse replaceState on file: pages; the state then just is not in the URL.
    }
  }

  // Apply the state in the URL fragment through the same controls a reader uses.
  function loadState() {
    var params = new URLSearchParams(location.hash.slice(1));
    state.hidden = {};
    (params.get("hide") || "").split(",").forEach(function (kind) {
      if (kind) state.hidden[kind] = true;
    });
    document.querySelectorAll("#legend input").forEach(function (box) { box.checked = !state.hidden[box.value]; });
    yearFrom.value = params.get("from") || "";
    yearTo.value = params.get("to") || "";
    state.from = readYear(yearFrom);
    state.to = readYear(yearTo);
    applyFilters();
    searchInput.value = state.query = params.get("q") || "";
    showResults();
    if (params.get("node")) selectNode(params.get("node"), true);
    else if (params.get("edge")) selectEdge(params.get("edge"));
    else clearSelection();
  }
})();
