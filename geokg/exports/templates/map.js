// geokg map: filters, search, legend, tooltips, neighbourhood highlight and the timeline
// strip over vis-network DataSets. Every text from the data is set with textContent, never
// parsed as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("geokg-data").textContent);
  const byId = (id) => document.getElementById(id);
  const articles = data.articles || {};
  const SVG = "http://www.w3.org/2000/svg";
  const DIM_NODE = {background: "#ececec", border: "#d0d0d0"};
  const DIM_EDGE = "#e6e6e6";
  // Any DataSet update makes vis-network re-process every shown item: beyond this many the
  // hover changes nothing (vis-network still draws the hovered edges wider) rather than
  // stall. A filter slower than SLOW_FILTER_MS applies when a brush ends instead of at every
  // step of the drag.
  const DIM_MAX_ITEMS = 6000;
  const SLOW_FILTER_MS = 150;
  const NODE_LABEL_PX = 13; // the hovered neighbourhood's names, on screen
  const HOVER_LABELS_MAX = 60; // a hub with more edges enlarges no labels: they could not be read
  // Up to this many entities, names stay at least NAME_PX on screen at any zoom (beyond it
  // they would cover the graph at fit zoom; hover shows a neighbourhood's names).
  const NAMES_MAX_NODES = 300, NAME_PX = 11;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    return node;
  }
  function line(label, value) {
    const p = el("p");
    p.append(el("span", label + ": ", "muted"), el("span", value));
    return p;
  }

  // --- data and network -------------------------------------------------------------
  const nodeColor = (n) => ({background: n.color, border: "#333",
                             highlight: {background: n.color, border: "#000"},
                             hover: {background: n.color, border: "#000"}});
  // Hovered and selected edges keep their quad colour (vis-network draws them wider).
  const edgeColor = (e) => ({color: e.color, highlight: e.color, hover: e.color});
  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, shape: n.shape, color: nodeColor(n),
  })));
  // An edge label's font at `size` graph units; parallel edges' labels stack in lines.
  const edgeFont = (e, size) => ({size, vadjust: (e.stack || 0) * size * 1.15});
  // Only a stacked label has a font of its own (the others use the options' edge font):
  // per-edge font options are a third of what vis-network spends building an edge. On a big
  // map an edge gets its label later, in view (labelEdgesInView).
  const edges = new vis.DataSet(data.edges.map((e) => {
    const edge = {id: e.id, from: e.from, to: e.to, dashes: e.dashes, color: edgeColor(e)};
    if (!data.lazyLabels) edge.label = e.label;
    if (e.stack) edge.font = edgeFont(e, data.labelPx);
    if (e.smooth) edge.smooth = e.smooth;
    return edge;
  }));
  const nodeInfo = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeInfo = new Map(data.edges.map((e) => [e.id, e]));
  const edgesOf = new Map(data.nodes.map((n) => [n.id, []]));
  for (const e of data.edges) {
    edgesOf.get(e.from).push(e);
    if (e.to !== e.from) edgesOf.get(e.to).push(e);
  }
  const allTypes = () => new Set(Object.keys(data.styles).concat(data.nodes.map((n) => n.group)));

  const state = {types: allTypes(), actions: new Set(data.actions), since: "", until: "",
                 hideIsolated: false, focus: null};
  let shownNodes = new Set(nodeInfo.keys());
  let shownEdges = new Set(edgeInfo.keys());
  const nodesView = new vis.DataView(nodes, {filter: (n) => shownNodes.has(n.id)});
  const edgesView = new vis.DataView(edges, {filter: (e) => shownEdges.has(e.id)});
  const network = new vis.Network(byId("map"), {nodes: nodesView, edges: edgesView}, data.options);

  const api = {network, nodes, edges, nodesView, edgesView, edgeInfo, state, drawn: false,
               firstDrawMs: null, givenLabels: new Set(), dimmed: new Set(), describeNode,
               describeEdge, showTooltip, hideTooltip, showDetails, applyFilters, selectByName,
               search, setWindow, highlightNeighbourhood, clearHighlight, strip: null};
  window.geokg = api;
  let nameSize = data.options.nodes.font.size;
  function keepNamesReadable() {
    if (data.nodes.length > NAMES_MAX_NODES) return;
    const size = Math.max(data.options.nodes.font.size, Math.ceil(NAME_PX / network.getScale()));
    if (size === nameSize) return;
    nameSize = size;
    network.setOptions({nodes: {font: {size}}});
  }
  network.on("stabilized", keepNamesReadable);
  // vis-network measures every edge label at each full draw, drawn or not, and at the zoom
  // that fits a big map none is drawn: there an edge gets its label once labels would be
  // readable (data.labelMinPx on screen) and the edge crosses the view; given, it stays.
  function labelEdgesInView() {
    if (!data.lazyLabels || network.getScale() * data.labelPx < data.labelMinPx) return;
    const box = byId("map").getBoundingClientRect();
    const low = network.DOMtoCanvas({x: 0, y: 0});
    const high = network.DOMtoCanvas({x: box.width, y: box.height});
    const at = network.body.nodes, updates = [];
    for (const e of data.edges) {
      const a = at[e.from], b = at[e.to];
      if (api.givenLabels.has(e.id) || !a || !b || Math.max(a.x, b.x) < low.x ||
          Math.min(a.x, b.x) > high.x || Math.max(a.y, b.y) < low.y ||
          Math.min(a.y, b.y) > high.y) continue;
      api.givenLabels.add(e.id);
      updates.push({id: e.id, label: e.label});
    }
    if (updates.length) edges.update(updates);
  }
  for (const event of ["zoom", "dragEnd", "animationFinished"]) {
    network.on(event, () => requestAnimationFrame(labelEdgesInView));
  }
  network.once("afterDrawing", () => {
    keepNamesReadable();
    api.firstDrawMs = Math.round(performance.now());
    api.drawn = true;
  });
  if (!data.nodes.length) {
    const empty = el("p", "No data: nothing to draw (the store is empty, or the selection " +
      "kept nothing). Add articles with `geokg ingest FILES`, or try `geokg demo`.");
    empty.id = "empty";
    byId("map").append(empty);
    api.drawn = true;
  }

  // --- descriptions (tooltips and the details card) ---------------------------------
  const nameOf = (id) => (nodeInfo.get(id) || {label: id}).label;

  function describeNode(id, withEvents) {
    const n = nodeInfo.get(id);
    const box = el("div");
    if (!n) return box;
    box.append(el("h3", n.label), line("type", n.group || "unknown"));
    if (n.roles.length) box.append(line("roles", n.roles.join("; ")));
    if (n.aliases.length) box.append(line("aliases", n.aliases.join("; ")));
    if (n.country) box.append(line("country", n.country));
    if (n.wikidata) box.append(line("wikidata", n.wikidata));
    const all = edgesOf.get(id);
    const shown = all.filter((e) => shownEdges.has(e.id));
    box.append(line("relations", shown.length === all.length ? all.length
      : shown.length + " shown of " + all.length));
    if (withEvents) box.append(eventList(id, shown));
    return box;
  }

  // The node's shown relations, dated first (oldest first), each with its evidence.
  function eventList(id, shown) {
    const list = el("ol", null, "events");
    const sorted = shown.slice().sort((a, b) =>
      (a.start ? 0 : 1) - (b.start ? 0 : 1) || String(a.start).localeCompare(String(b.start)));
    for (const e of sorted) {
      const item = el("li");
      const out = e.from === id;
      const head = el("p");
      head.append(el("span", (e.date || "undated") + " ", "when"), el("b", e.type),
                  " " + (out ? "→ " : "← ") + nameOf(out ? e.to : e.from),
                  el("span", " · " + (e.status || "asserted"), "muted"));
      item.append(head);
      for (const evidence of e.evidence) {
        item.append(el("blockquote", evidence.sentence), articleLine(evidence.article));
      }
      list.append(item);
    }
    const hidden = edgesOf.get(id).length - shown.length;
    const box = el("div");
    box.append(el("p", "Events", "muted"), list);
    if (hidden) box.append(el("p", "+ " + hidden + " hidden by the filters", "muted"));
    return box;
  }

  function articleLine(articleId) {
    const a = articles[articleId] || {};
    const p = el("p", "", "muted");
    p.append("— ");
    const name = a.name || a.title || articleId || "unknown article";
    if (a.url && /^https?:\/\//i.test(a.url)) {
      const link = el("a", name);
      link.href = a.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      p.append(link);
    } else {
      p.append(el("span", name));
    }
    if (a.published) p.append(" (" + a.published + ")");
    return p;
  }

  function describeEdge(id, limit) {
    const e = edgeInfo.get(id);
    const box = el("div");
    if (!e) return box;
    box.append(el("h3", nameOf(e.from) + " " + e.type + " " + nameOf(e.to)));
    box.append(line("date", e.date || "undated"), line("category", e.category || "standing tie"),
               line("status", e.status), line("confidence", e.confidence));
    if (e.quad) box.append(line("quad", e.quad));
    const shown = limit ? e.evidence.slice(0, limit) : e.evidence;
    for (const item of shown) {
      box.append(el("blockquote", item.sentence), articleLine(item.article));
    }
    if (shown.length < e.evidence.length) {
      box.append(el("p", "+ " + (e.evidence.length - shown.length) + " more (click the edge)", "muted"));
    }
    return box;
  }

  // --- tooltip and details ----------------------------------------------------------
  const tooltip = byId("tooltip");
  function showTooltip(kind, id, x, y) {
    tooltip.replaceChildren(kind === "node" ? describeNode(id, false) : describeEdge(id, 3));
    tooltip.hidden = false;
    const box = tooltip.getBoundingClientRect();
    tooltip.style.left = Math.max(0, Math.min(x + 14, window.innerWidth - box.width - 4)) + "px";
    tooltip.style.top = Math.max(0, Math.min(y + 14, window.innerHeight - box.height - 4)) + "px";
  }
  function hideTooltip() { tooltip.hidden = true; }
  function pointer(params) {
    const rect = byId("map").getBoundingClientRect();
    return [rect.left + params.pointer.DOM.x, rect.top + params.pointer.DOM.y];
  }

  function showDetails(kind, id) {
    byId("details").replaceChildren(kind === "node" ? describeNode(id, true) : describeEdge(id));
    state.focus = {kind, id};
    drawStrip();
  }
  function clearDetails() {
    byId("details").replaceChildren();
    state.focus = null;
    drawStrip();
  }

  // --- neighbourhood highlight: the hovered element and its neighbours stay, the rest dims
  // Graph units that draw `px` screen pixels at the current zoom (never below `px`).
  const unitsFor = (px) => Math.ceil(px / Math.min(network.getScale(), 1));
  const ruler = document.createElement("canvas").getContext("2d");

  // What a hovered node's edge shows: its label, else its type, if that fits along the edge
  // between the two nodes at this zoom (so labels around a hub do not pile up); else null.
  function hoverLabel(e, px) {
    const a = network.body.nodes[e.from], b = network.body.nodes[e.to];
    if (!a || !b) return null;
    const scale = network.getScale();
    const room = Math.hypot(a.x - b.x, a.y - b.y) * scale -
      (nodeInfo.get(e.from).size + nodeInfo.get(e.to).size) * scale - 6;
    ruler.font = px + "px arial";
    for (const text of [e.label, e.type]) {
      if (ruler.measureText(text).width <= room) return text;
    }
    return null;
  }

  function highlightNeighbourhood(kind, id) {
    clearHighlight();
    if (shownNodes.size + shownEdges.size > DIM_MAX_ITEMS) return;
    const keepNodes = new Set(), keepEdges = new Set();
    if (kind === "node") {
      keepNodes.add(id);
      for (const n of network.getConnectedNodes(id)) keepNodes.add(n);
      for (const e of network.getConnectedEdges(id)) keepEdges.add(e);
    } else {
      keepEdges.add(id);
      for (const n of network.getConnectedNodes(id)) keepNodes.add(n);
    }
    const px = data.labelPx - 1, size = unitsFor(px), nodeSize = unitsFor(NODE_LABEL_PX);
    const labels = new Map();
    for (const e of keepEdges.size <= HOVER_LABELS_MAX ? keepEdges : []) {
      const info = edgeInfo.get(e);
      const text = kind === "edge" ? info.label : hoverLabel(info, px);
      if (text !== null) labels.set(e, text);
    }
    edges.update([...labels].map(([e, label]) => ({id: e, label,
                                                    font: edgeFont(edgeInfo.get(e), size)})));
    api.enlarged = keepNodes.size <= HOVER_LABELS_MAX ? keepNodes
      : new Set(kind === "node" ? [id] : []);
    nodes.update([...api.enlarged].map((n) => ({id: n, font: {size: nodeSize}})));
    api.labelled = new Set(labels.keys());
    const nodeUpdates = [], edgeUpdates = [];
    for (const n of shownNodes) {
      if (keepNodes.has(n)) continue;
      nodeUpdates.push({id: n, color: DIM_NODE, font: {color: "#c4c4c4"}});
      api.dimmed.add(n);
    }
    for (const e of shownEdges) {
      if (keepEdges.has(e)) continue;
      edgeUpdates.push({id: e, color: {color: DIM_EDGE, highlight: DIM_EDGE, hover: DIM_EDGE},
                        font: {...edgeFont(edgeInfo.get(e), data.labelPx), color: "#c4c4c4"}});
      api.dimmed.add(e);
    }
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }

  function clearHighlight() {
    if (api.labelled) {
      edges.update([...api.labelled].map((e) => ({id: e, label: edgeInfo.get(e).label,
                                                  font: edgeFont(edgeInfo.get(e), data.labelPx)})));
      nodes.update([...api.enlarged].map((n) => ({id: n, font: {size: nameSize}})));
      api.labelled = api.enlarged = null;
    }
    if (!api.dimmed.size) return;
    const nodeUpdates = [], edgeUpdates = [];
    for (const id of api.dimmed) {
      if (nodeInfo.has(id)) {
        nodeUpdates.push({id, color: nodeColor(nodeInfo.get(id)), font: {color: "#343434"}});
      } else {
        const e = edgeInfo.get(id);
        edgeUpdates.push({id, color: edgeColor(e),
                          font: {...edgeFont(e, data.labelPx), color: "#333333"}});
      }
    }
    api.dimmed = new Set();
    nodes.update(nodeUpdates);
    edges.update(edgeUpdates);
  }

  network.on("hoverNode", (p) => {
    highlightNeighbourhood("node", p.node);
    showTooltip("node", p.node, ...pointer(p));
  });
  network.on("hoverEdge", (p) => {
    highlightNeighbourhood("edge", p.edge);
    showTooltip("edge", p.edge, ...pointer(p));
  });
  network.on("blurNode", () => { clearHighlight(); hideTooltip(); });
  network.on("blurEdge", () => { clearHighlight(); hideTooltip(); });
  byId("map").addEventListener("mouseleave", () => { clearHighlight(); hideTooltip(); });
  network.on("dragStart", hideTooltip);
  network.on("zoom", () => { hideTooltip(); requestAnimationFrame(keepNamesReadable); });
  network.on("click", (p) => {
    if (p.nodes.length) showDetails("node", p.nodes[0]);
    else if (p.edges.length) showDetails("edge", p.edges[0]);
    else clearDetails();
  });

  // --- search: exact name or alias first, else every substring match ----------------
  const names = new Map();
  const datalist = byId("names");
  for (const n of data.nodes) {
    for (const name of [n.label].concat(n.aliases)) {
      const key = String(name).toLowerCase();
      if (names.has(key)) continue;
      names.set(key, n.id);
      const option = el("option");
      option.value = name;
      datalist.append(option);
    }
  }

  // Node ids whose name or an alias contains `text` (exact matches first).
  function search(text) {
    const wanted = String(text).trim().toLowerCase();
    if (!wanted) return [];
    const exact = names.get(wanted);
    const found = exact === undefined ? [] : [exact];
    for (const [name, id] of names) {
      if (name.includes(wanted) && !found.includes(id)) found.push(id);
    }
    return found;
  }

  function focusNode(id) {
    showDetails("node", id);
    if (!shownNodes.has(id)) {
      byId("status").textContent = "that entity is hidden by the filters";
      return;
    }
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: nodeInfo.size <= 1000});
  }

  function showMatches(text) {
    const box = byId("search-status"), input = byId("search");
    const found = search(text);
    box.replaceChildren();
    box.className = "";
    input.removeAttribute("aria-invalid");
    if (!String(text).trim()) return found;
    if (!found.length) {
      box.className = "nomatch";
      box.textContent = "no entity matches “" + String(text).trim() + "”";
      input.setAttribute("aria-invalid", "true");
      return found;
    }
    box.append(el("span", found.length === 1 ? "1 match: " : found.length + " matches: ", "muted"));
    for (const id of found.slice(0, 8)) {
      const button = el("button", nameOf(id));
      button.type = "button";
      button.addEventListener("click", () => focusNode(id));
      box.append(button);
    }
    if (found.length > 8) box.append(el("span", " …", "muted"));
    return found;
  }

  function selectByName(name) {
    const found = showMatches(name);
    if (!found.length) return false;
    focusNode(found[0]);
    return true;
  }
  byId("search").addEventListener("input", (ev) => showMatches(ev.target.value));
  byId("search").addEventListener("change", (ev) => selectByName(ev.target.value));

  // --- filters and legend -----------------------------------------------------------
  function applyFilters() {
    const started = performance.now();
    clearHighlight();
    const datesOn = Boolean(state.since || state.until);
    const edgeFilter = datesOn || state.actions.size < data.actions.length || state.hideIsolated;
    const typeOk = (id) => state.types.has(nodeInfo.get(id).group);
    shownEdges = new Set();
    const touched = new Set();
    for (const e of data.edges) {
      if (!state.actions.has(e.type) || !typeOk(e.from) || !typeOk(e.to)) continue;
      if (datesOn && (!e.start || (state.until && e.start > state.until)
                      || (state.since && e.end < state.since))) continue;
      shownEdges.add(e.id);
      touched.add(e.from);
      touched.add(e.to);
    }
    shownNodes = new Set();
    for (const n of data.nodes) {
      if (typeOk(n.id) && (!edgeFilter || touched.has(n.id))) shownNodes.add(n.id);
    }
    nodesView.refresh();
    edgesView.refresh();
    byId("status").textContent = "showing " + shownNodes.size + " of " + data.nodes.length +
      " entities, " + shownEdges.size + " of " + data.edges.length + " relations";
    byId("window").textContent = datesOn
      ? "dates " + (state.since || "…") + " to " + (state.until || "…") : "";
    updateActionCounts();
    if (state.focus && state.focus.kind === "node") {
      byId("details").replaceChildren(describeNode(state.focus.id, true));
    }
    drawStrip();
    api.filterMs = performance.now() - started;
  }

  function checkbox(parent, labelParts, checked, onChange) {
    const label = el("label");
    const box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", () => onChange(box.checked));
    label.append(box, ...labelParts);
    parent.append(label);
    return box;
  }

  const typeCounts = new Map();
  for (const n of data.nodes) typeCounts.set(n.group, (typeCounts.get(n.group) || 0) + 1);
  const typeBoxes = [];
  for (const [type, style] of Object.entries(data.styles)) {
    const glyph = el("span", style.glyph, "glyph");
    glyph.style.color = style.color;
    typeBoxes.push(checkbox(byId("types"), [glyph, type + " (" + (typeCounts.get(type) || 0) + ")"],
      true, (on) => { on ? state.types.add(type) : state.types.delete(type); applyFilters(); }));
  }

  const actionTotals = new Map();
  for (const e of data.edges) actionTotals.set(e.type, (actionTotals.get(e.type) || 0) + 1);
  const actionBoxes = new Map(), actionCounts = new Map();
  for (const action of data.actions) {
    const count = el("span", "", "count");
    actionCounts.set(action, count);
    actionBoxes.set(action, checkbox(byId("actions"), [action + " ", count], true, (on) => {
      on ? state.actions.add(action) : state.actions.delete(action);
      byId("all-actions").checked = state.actions.size === data.actions.length;
      applyFilters();
    }));
  }
  function updateActionCounts() {
    const shown = new Map();
    for (const id of shownEdges) {
      const type = edgeInfo.get(id).type;
      shown.set(type, (shown.get(type) || 0) + 1);
    }
    for (const [action, span] of actionCounts) {
      const total = actionTotals.get(action), now = shown.get(action) || 0;
      span.textContent = "(" + (now === total ? total : now + " of " + total) + ")";
    }
  }
  byId("all-actions").addEventListener("change", (ev) => {
    state.actions = new Set(ev.target.checked ? data.actions : []);
    for (const box of actionBoxes.values()) box.checked = ev.target.checked;
    applyFilters();
  });
  byId("hide-isolated").addEventListener("change", (ev) => {
    state.hideIsolated = ev.target.checked;
    applyFilters();
  });

  for (const [kind, color] of Object.entries(data.edgeColors)) {
    const swatch = el("span", "━", "glyph");
    swatch.style.color = color;
    const label = el("label");
    label.append(swatch, kind);
    byId("edge-legend").append(label);
  }
  byId("edge-legend").append(el("p", "dashed: alleged, denied or announced", "muted"));

  function setWindow(since, until) {
    state.since = byId("since").value = since || "";
    state.until = byId("until").value = until || "";
    applyFilters();
  }
  for (const field of ["since", "until"]) {
    const input = byId(field);
    if (data.span) { input.min = data.span[0]; input.max = data.span[1]; }
    const update = () => {  // on "input" (live), and on "change" when that had not run
      if (state[field] === input.value) return;
      state[field] = input.value;
      applyFilters();
    };
    input.addEventListener("change", update);
    input.addEventListener("input", update);
  }
  byId("reset").addEventListener("click", () => {
    state.types = allTypes();
    state.actions = new Set(data.actions);
    state.hideIsolated = byId("hide-isolated").checked = false;
    for (const box of typeBoxes.concat([...actionBoxes.values()], [byId("all-actions")])) {
      box.checked = true;
    }
    setWindow("", "");
  });

  // --- the timeline strip: shown events per period, stacked by quad -----------------
  // Colored bars count the shown events (they sum to the shown dated events); grey bars
  // behind them count the events every filter but the dates lets through, so a reader sees
  // what lies outside the window. Dragging over the strip sets the date window.
  const timeline = data.timeline;
  const strip = {periods: timeline ? timeline.periods : [], counts: [], context: [],
                 highlight: [], undated: 0, brush: null};
  api.strip = strip;
  const caption = byId("strip-caption");
  const plot = svg("svg", {role: "img", "aria-label": "events per period"});
  byId("strip").append(plot);
  const BOTTOM = 14, TOP = 4;

  function countStrip() {
    const n = strip.periods.length, quads = timeline ? timeline.quads : [];
    strip.counts = strip.periods.map(() => Object.fromEntries(quads.map((q) => [q, 0])));
    strip.context = strip.periods.map(() => 0);
    strip.highlight = strip.periods.map(() => 0);
    strip.undated = 0;
    const typeOk = (id) => state.types.has(nodeInfo.get(id).group);
    const focus = state.focus;
    for (const e of data.edges) {
      if (!e.quad) continue;
      const shown = shownEdges.has(e.id);
      if (e.period === null) { if (shown) strip.undated += 1; continue; }
      if (state.actions.has(e.type) && typeOk(e.from) && typeOk(e.to)) strip.context[e.period] += 1;
      if (!shown) continue;
      strip.counts[e.period][e.quad] += 1;
      if (focus && ((focus.kind === "edge" && focus.id === e.id)
                    || (focus.kind === "node" && (e.from === focus.id || e.to === focus.id)))) {
        strip.highlight[e.period] += 1;
      }
    }
    return n;
  }

  function slotOf(width) { return (width - 8) / Math.max(strip.periods.length, 1); }

  function drawStrip() {
    const n = countStrip();
    const width = plot.clientWidth || 800, height = plot.clientHeight || 96;
    plot.replaceChildren();
    caption.replaceChildren();
    if (!n) {
      caption.append(el("span", "Timeline: no dated events" +
        (data.nodes.length ? "" : " (no data)")));
      return;
    }
    const shownTotal = strip.counts.reduce((s, c) => s + Object.values(c).reduce((a, b) => a + b, 0), 0);
    caption.append(el("span", "Events per " + timeline.unit + ": " + shownTotal + " shown" +
      (strip.undated ? " (+ " + strip.undated + " undated)" : "") + "; drag to pick dates"));
    for (const quad of timeline.quads) {
      const key = el("span", null, "key"), swatch = el("span", "■", "glyph");
      swatch.style.color = data.edgeColors[quad];
      key.append(swatch, quad);
      caption.append(key);
    }
    if (state.since || state.until) {
      const clear = el("button", "clear dates", null);
      clear.id = "strip-clear";
      clear.type = "button";
      clear.addEventListener("click", () => setWindow("", ""));
      caption.append(clear);
    }
    const slot = slotOf(width), bar = Math.max(1, slot * 0.8);
    const top = Math.max(1, ...strip.context);
    const scale = (height - BOTTOM - TOP) / top;
    const base = height - BOTTOM;
    const range = brushRange();
    if (range) {
      plot.append(svg("rect", {class: "brush", x: 4 + range[0] * slot, y: 0,
                               width: (range[1] - range[0] + 1) * slot, height: base}));
    }
    const layer = svg("g");
    strip.periods.forEach((period, i) => {
      const x = 4 + i * slot + (slot - bar) / 2;
      const group = svg("g", {"data-period": String(i)});
      const title = svg("title");
      const parts = timeline.quads.filter((q) => strip.counts[i][q]).map(
        (q) => strip.counts[i][q] + " " + q);
      title.textContent = period.label + " (" + period.start + " to " + period.end + "): " +
        (parts.length ? parts.join(", ") : "no shown events");
      group.append(title);
      if (strip.context[i]) {
        group.append(svg("rect", {class: "ghost", x, width: bar, y: base - strip.context[i] * scale,
                                  height: strip.context[i] * scale}));
      }
      let y = base;
      for (const quad of timeline.quads) {
        const count = strip.counts[i][quad];
        if (!count) continue;
        y -= count * scale;
        group.append(svg("rect", {class: "bar", x, y, width: bar, height: count * scale,
                                  fill: data.edgeColors[quad], "data-quad": quad,
                                  "data-count": String(count)}));
      }
      if (strip.highlight[i]) {
        group.append(svg("rect", {class: "hl", x, width: bar, y: base - strip.highlight[i] * scale,
                                  height: strip.highlight[i] * scale,
                                  "data-count": String(strip.highlight[i])}));
      }
      layer.append(group);
    });
    plot.append(layer);
    plot.append(svg("line", {x1: 0, x2: width, y1: base + 0.5, y2: base + 0.5, stroke: "#999"}));
    const every = Math.ceil(strip.periods.length / Math.max(1, Math.floor(width / 70)));
    strip.periods.forEach((period, i) => {
      if (i % every) return;
      const label = svg("text", {x: 4 + i * slot + 1, y: height - 2});
      label.textContent = period.label;
      plot.append(label);
    });
    const maxLabel = svg("text", {x: width - 4, y: TOP + 8, "text-anchor": "end"});
    maxLabel.textContent = "max " + top;
    plot.append(maxLabel);
  }

  // The periods [first, last] the brush or the date window covers, or null.
  function brushRange() {
    if (strip.brush) return [Math.min(...strip.brush), Math.max(...strip.brush)];
    if (!state.since && !state.until) return null;
    let first = 0, last = strip.periods.length - 1;
    while (first <= last && state.since && strip.periods[first].end < state.since) first += 1;
    while (last >= first && state.until && strip.periods[last].start > state.until) last -= 1;
    return first <= last ? [first, last] : null;
  }

  function periodAt(clientX) {
    const box = plot.getBoundingClientRect();
    const i = Math.floor((clientX - box.left - 4) / slotOf(box.width));
    return Math.max(0, Math.min(strip.periods.length - 1, i));
  }
  let pending = false;
  function brushTo(i) {
    strip.brush[1] = i;
    if (api.filterMs > SLOW_FILTER_MS) { drawStrip(); return; }  // filter when the drag ends
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (!strip.brush) return;
      const [a, b] = [Math.min(...strip.brush), Math.max(...strip.brush)];
      setWindow(strip.periods[a].start, strip.periods[b].end);
    });
  }
  plot.addEventListener("pointerdown", (ev) => {
    if (!strip.periods.length) return;
    plot.setPointerCapture(ev.pointerId);
    const i = periodAt(ev.clientX);
    strip.brush = [i, i];
    brushTo(i);
  });
  plot.addEventListener("pointermove", (ev) => {
    if (strip.brush && periodAt(ev.clientX) !== strip.brush[1]) brushTo(periodAt(ev.clientX));
  });
  const endBrush = () => {
    if (!strip.brush) return;
    const [a, b] = [Math.min(...strip.brush), Math.max(...strip.brush)];
    strip.brush = null;
    setWindow(strip.periods[a].start, strip.periods[b].end);
  };
  plot.addEventListener("pointerup", endBrush);
  plot.addEventListener("pointercancel", endBrush);
  window.addEventListener("resize", drawStrip);

  applyFilters();
})();
