// geokg map: filters, search, legend and tooltips over vis-network DataSets.
// Every text from the data is set with textContent, never parsed as HTML.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("geokg-data").textContent);
  const byId = (id) => document.getElementById(id);
  const articles = data.articles || {};

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }
  function line(label, value) {
    const p = el("p");
    p.append(el("span", label + ": ", "muted"), el("span", value));
    return p;
  }

  // --- data and network -------------------------------------------------------------
  const nodes = new vis.DataSet(data.nodes.map((n) => ({
    id: n.id, label: n.label, x: n.x, y: n.y, size: n.size, shape: n.shape,
    color: {background: n.color, border: "#333", highlight: {background: n.color, border: "#000"}},
  })));
  const edges = new vis.DataSet(data.edges.map((e) => {
    const edge = {id: e.id, from: e.from, to: e.to, label: e.label, dashes: e.dashes,
                  color: {color: e.color, highlight: "#000", hover: "#000"}};
    if (e.smooth) edge.smooth = e.smooth;
    return edge;
  }));
  const nodeInfo = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeInfo = new Map(data.edges.map((e) => [e.id, e]));

  const state = {types: new Set(Object.keys(data.styles).concat(data.nodes.map((n) => n.group))),
                 actions: new Set(data.actions), since: "", until: ""};
  let shownNodes = new Set(nodeInfo.keys());
  let shownEdges = new Set(edgeInfo.keys());
  const nodesView = new vis.DataView(nodes, {filter: (n) => shownNodes.has(n.id)});
  const edgesView = new vis.DataView(edges, {filter: (e) => shownEdges.has(e.id)});
  const network = new vis.Network(byId("map"), {nodes: nodesView, edges: edgesView}, data.options);

  const api = {network, nodes, edges, nodesView, edgesView, state, drawn: false,
               firstDrawMs: null, describeNode, describeEdge, showTooltip, hideTooltip,
               showDetails, applyFilters, selectByName};
  window.geokg = api;
  network.once("afterDrawing", () => {
    api.firstDrawMs = Math.round(performance.now());
    api.drawn = true;
  });

  // --- descriptions (tooltips and the details card) ---------------------------------
  function describeNode(id) {
    const n = nodeInfo.get(id);
    const box = el("div");
    if (!n) return box;
    box.append(el("h3", n.label), line("type", n.group || "unknown"));
    if (n.roles.length) box.append(line("roles", n.roles.join("; ")));
    if (n.aliases.length) box.append(line("aliases", n.aliases.join("; ")));
    if (n.country) box.append(line("country", n.country));
    if (n.wikidata) box.append(line("wikidata", n.wikidata));
    box.append(line("relations", network.getConnectedEdges(id).length));
    return box;
  }

  function articleLine(articleId) {
    const a = articles[articleId] || {};
    const p = el("p", "", "muted");
    p.append("— ");
    const name = a.title || articleId || "unknown article";
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
    const from = nodeInfo.get(e.from), to = nodeInfo.get(e.to);
    box.append(el("h3", (from ? from.label : e.from) + " " + e.type + " " + (to ? to.label : e.to)));
    box.append(line("date", e.date || "undated"), line("category", e.category || "standing tie"),
               line("status", e.status), line("confidence", e.confidence));
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
    tooltip.replaceChildren(kind === "node" ? describeNode(id) : describeEdge(id, 3));
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
  network.on("hoverNode", (p) => showTooltip("node", p.node, ...pointer(p)));
  network.on("hoverEdge", (p) => showTooltip("edge", p.edge, ...pointer(p)));
  network.on("blurNode", hideTooltip);
  network.on("blurEdge", hideTooltip);
  network.on("dragStart", hideTooltip);
  network.on("zoom", hideTooltip);

  function showDetails(kind, id) {
    byId("details").replaceChildren(kind === "node" ? describeNode(id) : describeEdge(id));
  }
  network.on("click", (p) => {
    if (p.nodes.length) showDetails("node", p.nodes[0]);
    else if (p.edges.length) showDetails("edge", p.edges[0]);
    else byId("details").replaceChildren();
  });

  // --- search -----------------------------------------------------------------------
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
  function selectByName(name) {
    const id = names.get(String(name).trim().toLowerCase());
    if (id === undefined) return false;
    showDetails("node", id);
    if (!shownNodes.has(id)) {
      byId("status").textContent = "that entity is hidden by the filters";
      return true;
    }
    network.selectNodes([id]);
    network.focus(id, {scale: 1.2, animation: nodeInfo.size <= 1000});
    return true;
  }
  byId("search").addEventListener("change", (ev) => selectByName(ev.target.value));

  // --- filters and legend -----------------------------------------------------------
  function applyFilters() {
    const datesOn = Boolean(state.since || state.until);
    const edgeFilter = datesOn || state.actions.size < data.actions.length;
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

  const actionBoxes = new Map();
  for (const action of data.actions) {
    actionBoxes.set(action, checkbox(byId("actions"), [action], true, (on) => {
      on ? state.actions.add(action) : state.actions.delete(action);
      byId("all-actions").checked = state.actions.size === data.actions.length;
      applyFilters();
    }));
  }
  byId("all-actions").addEventListener("change", (ev) => {
    state.actions = new Set(ev.target.checked ? data.actions : []);
    for (const box of actionBoxes.values()) box.checked = ev.target.checked;
    applyFilters();
  });

  for (const [tone, color] of Object.entries(data.edgeColors)) {
    const swatch = el("span", "━", "glyph");
    swatch.style.color = color;
    const label = el("label");
    label.append(swatch, tone);
    byId("edge-legend").append(label);
  }
  byId("edge-legend").append(el("p", "dashed: alleged, denied or announced", "muted"));

  for (const field of ["since", "until"]) {
    const input = byId(field);
    if (data.span) { input.min = data.span[0]; input.max = data.span[1]; }
    input.addEventListener("change", () => { state[field] = input.value; applyFilters(); });
  }
  byId("reset").addEventListener("click", () => {
    state.types = new Set(Object.keys(data.styles).concat(data.nodes.map((n) => n.group)));
    state.actions = new Set(data.actions);
    state.since = state.until = byId("since").value = byId("until").value = "";
    for (const box of typeBoxes.concat([...actionBoxes.values()], [byId("all-actions")])) {
      box.checked = true;
    }
    applyFilters();
  });
  applyFilters();
})();
