/* newskg's interactive view: search, filters and the side panel of facts and sources.
 *
 * Every string from the graph is untrusted: the DOM is built with createElement and
 * textContent only, never from HTML text. Filters hide nodes (vis-network then hides
 * their edges) and never move them: physics is off once the layout has stabilised.
 *
 * The page opens on the overview: posts drawn as labelled links from their holder to
 * their country (edges with view "overview"), without the post, ministry and article
 * nodes (`detail`) and their edges (view "full"), nor nodes only "mentioned"; « vue
 * complète » shows the ontology's own nodes and links instead. The side panel always
 * lists a node's own facts.
 *
 * Filters combine: a node is shown when its class is ticked, it belongs to the story of
 * the chosen country and threat (see `story`), and it lies within one hop of the node
 * whose neighbourhood ("voisinage") was asked for; hops follow the edges on display.
 * The chosen nodes themselves stay shown.
 */
(() => {
  "use strict";

  const MAX_MATCHES = 20, MAX_FACTS = 200, MAX_SOURCES = 5;
  const data = JSON.parse(document.getElementById("newskg-data").textContent);
  const big = data.nodes.length > data.big;
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const classes = new Map(data.classes.map((c) => [c.key, c]));
  const around = new Map(data.nodes.map((n) => [n.id, []]));  // id -> edges either way
  for (const e of data.edges) {
    around.get(e.from).push(e);
    around.get(e.to).push(e);
  }
  const LEGIBLE = 500;  // up to this many nodes on display, labels keep a readable size
  // Nodes with no link in the overview but "mentionne" ones (a place or a body only named)
  // are left out of it, as the post, ministry and article nodes are.
  const linked = new Set();
  for (const e of data.edges) {
    if (e.view !== "full" && e.property !== data.quiet) linked.add(e.from).add(e.to);
  }
  for (const n of data.nodes) n.detail = n.detail || !linked.has(n.id);

  /* --- what is on display: the overview or the full view, "mentionne" links or not --- */
  const fresh = () => ({hidden: new Set(), country: "", threat: "", focus: "", quiet: false,
                        full: false, from: "", to: ""});
  let state = fresh();
  const inView = (edge) => (state.full ? edge.view !== "overview" : edge.view !== "full");
  const followed = (edge) => inView(edge) && (state.quiet || edge.property !== data.quiet);
  for (const e of data.edges) e.hidden = !followed(e);
  for (const n of data.nodes) n.hidden = Boolean(n.detail);

  const $ = (id) => document.getElementById(id);
  if (big) spread(data.nodes);
  const nodes = new vis.DataSet(data.nodes);
  const edges = new vis.DataSet(data.edges);
  const network = new vis.Network($("graph"), {nodes, edges}, options());

  /* vis-network's settings. Big graphs get a cheaper layout (coarser Barnes-Hut, fewer
     iterations from a spread-out start) and drawing (no arrow heads, labels only when
     zoomed in, edges hidden while dragging or zooming). */
  function options() {
    const labelThreshold = big ? 9 : 5;  // labels appear once font size x zoom passes this
    const physics = big
      ? {solver: "barnesHut", adaptiveTimestep: false, minVelocity: 1.5,
         barnesHut: {theta: 1.2, gravitationalConstant: -6000, springLength: 110, damping: 0.4},
         stabilization: {iterations: 60, updateInterval: 10}}
      : {solver: "forceAtlas2Based", stabilization: {iterations: 400, updateInterval: 25},
         forceAtlas2Based: {gravitationalConstant: -120, springLength: 130, avoidOverlap: 0.8}};
    return {
      layout: {randomSeed: data.randomSeed, improvedLayout: data.nodes.length <= 100},
      physics,
      interaction: {hover: !big, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big},
      nodes: {
        font: {size: 14}, borderWidthSelected: 4,
        // small graphs: one label size, kept readable by `legible`; big ones: by degree
        scaling: {min: 10, max: 34,
                  label: {enabled: big, min: 12, max: 17, drawThreshold: labelThreshold}},
      },
      edges: {
        arrows: {to: {enabled: !big, scaleFactor: 0.6}}, smooth: false,
        color: {color: "#999999", inherit: false},
        font: {size: 10, align: "middle", strokeWidth: 0, background: "rgba(255,255,255,0.85)"},
        scaling: {label: {drawThreshold: labelThreshold}},
      },
    };
  }

  /* Start positions on a sunflower disc, so physics need not pull every node in from
     vis-network's default ring (whose radius grows with the node count). */
  function spread(list) {
    const radius = 40 * Math.sqrt(list.length);
    list.forEach((n, i) => {
      const r = radius * Math.sqrt((i + 0.5) / list.length), angle = i * 2.399963;
      n.x = r * Math.cos(angle);
      n.y = r * Math.sin(angle);
    });
  }

  /* --- small DOM helpers (text only) --- */
  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function button(text, className, onClick) {
    const b = el("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  const kindOf = (node) => classes.get(node.kgClass).name;
  const propertyLabel = (key) => data.properties[key] || key;
  const labelOf = (id) => byId.get(id).label;
  const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const compare = (a, b) => a.localeCompare(b, "fr");
  const byLabel = (a, b) => compare(a.label, b.label) || (a.id < b.id ? -1 : 1);
  const more = (n, what) => el("li", "more", "… et " + n + " " + what);

  /* --- filters --- */
  const hiddenNow = new Map(data.nodes.map((n) => [n.id, n.hidden]));

  function within(start, hops) {
    const seen = new Set([start]);
    let frontier = [start];
    for (let i = 0; i < hops; i++) {
      const next = [];
      for (const id of frontier) {
        for (const e of around.get(id)) {
          const other = e.from === id ? e.to : e.from;
          if (followed(e) && !seen.has(other)) {
            seen.add(other);
            next.push(other);
          }
        }
      }
      frontier = next;
    }
    return seen;
  }

  /* The story behind a country and/or a threat: the meetings that concern the threat and
     that the country took part in (as a meeting's country, or through an attendee's post
     in it), who attended them and where; with a country alone, also the people whose
     posts are in it; with the posts and ministries that tie them in the full view. */
  const out = (id, property) => around.get(id)
    .filter((e) => e.from === id && e.property === property).map((e) => e.to);
  const into = (id, property) => around.get(id)
    .filter((e) => e.to === id && e.property === property).map((e) => e.from);
  const POSTS = ["kgo:holdsRole", "kgo:heldRole"];

  function postsIn(person, country) {  // the person's posts in the country (their ids)
    return POSTS.flatMap((p) => out(person, p)).filter((role) =>
      out(role, "kgo:ofCountry").includes(country) ||
      out(role, "kgo:ofMinistry").some((m) => out(m, "kgo:ofCountry").includes(country)));
  }

  function story(country, threat) {
    const keep = new Set([country, threat].filter(Boolean));
    const people = (meeting) => into(meeting, "kgo:attends");
    for (const m of data.nodes.filter((n) => n.kgClass === "Meeting").map((n) => n.id)) {
      if (threat && !out(m, "kgo:concerns").includes(threat)) continue;
      if (country && !out(m, "kgo:ofCountry").includes(country) &&
          !people(m).some((p) => postsIn(p, country).length)) continue;
      keep.add(m);
      for (const p of people(m)) keep.add(p);
      for (const place of out(m, "kgo:heldIn")) keep.add(place);
    }
    if (country && !threat) {
      for (const n of data.nodes) if (n.kgClass === "Person" && postsIn(n.id, country).length) keep.add(n.id);
    }
    if (country) {  // the posts and ministries between the people kept and the country
      for (const id of [...keep]) {
        for (const role of postsIn(id, country)) {
          keep.add(role);
          for (const m of out(role, "kgo:ofMinistry")) keep.add(m);
        }
      }
    }
    return keep;
  }

  /* Each dated meeting's months, first and last ("2016" is 2016-01 to 2016-12). */
  const months = new Map();
  for (const n of data.nodes) {
    const date = n.kgClass === "Meeting" && (n.attrs || []).find(([p]) => p === "kgo:date");
    if (date) {
      const [y, m] = date[1].split("-");
      months.set(n.id, [y + "-" + (m || "01"), y + "-" + (m || "12")]);
    }
  }

  /* The meetings of the period chosen, and what they link to on display. */
  function period(from, to) {
    const keep = new Set();
    for (const [id, [first, last]] of months) {
      if ((!from || last >= from) && (!to || first <= to)) {
        keep.add(id);
        for (const e of around.get(id)) if (followed(e)) keep.add(e.from === id ? e.to : e.from);
      }
    }
    return keep;
  }

  function apply(fit) {
    const anchors = [[state.focus, 1]].filter(([id]) => id && byId.has(id));
    const areas = anchors.map(([id, hops]) => within(id, hops));
    const picked = [state.country, state.threat].filter((id) => id && byId.has(id));
    if (picked.length) areas.push(story(byId.has(state.country) ? state.country : "",
                                        byId.has(state.threat) ? state.threat : ""));
    if (state.from || state.to) areas.push(period(state.from, state.to));
    const chosen = new Set([...anchors.map(([id]) => id), ...picked]);
    const updates = [], shown = [];
    for (const n of data.nodes) {
      const show = areas.every((area) => area.has(n.id)) && (state.full || !n.detail) &&
        (chosen.has(n.id) || !state.hidden.has(n.kgClass));
      if (show) shown.push(n.id);
      if (hiddenNow.get(n.id) === show) {
        hiddenNow.set(n.id, !show);
        updates.push({id: n.id, hidden: !show});
      }
    }
    if (updates.length) nodes.update(updates);
    const links = data.edges.filter((e) => followed(e) && !hiddenNow.get(e.from) &&
      !hiddenNow.get(e.to)).length;
    const focus = state.focus ? " — voisinage de « " + labelOf(state.focus) + " »" : "";
    const count = (cls) => shown.filter((id) => byId.get(id).kgClass === cls).length;
    const when = state.from || state.to
      ? " — réunions " + (state.from ? "depuis " + state.from : "") +
        (state.from && state.to ? " " : "") + (state.to ? "jusqu'à " + state.to : "") + " : " +
        count("Meeting")
      : "";
    const about = picked.length
      ? " — " + picked.map(labelOf).join(" · ") + " : " + count("Meeting") + " réunion(s), " +
        count("Person") + " personne(s) ; les " + (data.nodes.length - shown.length) +
        " autres nœuds sont masqués"
      : "";
    $("status").textContent =
      shown.length + " nœuds sur " + data.nodes.length + ", " + links + " liens" + focus + about + when;
    if (fit) network.fit(shown.length < data.nodes.length ? {nodes: shown} : undefined);
    if (settled && !big) legible();
  }

  /* Show the edges of the view chosen (and the "mentionne" ones if asked for). */
  function showEdges() {
    const updates = [];
    for (const e of data.edges) {
      if (e.hidden === followed(e)) {
        e.hidden = !e.hidden;
        updates.push({id: e.id, hidden: e.hidden});
      }
    }
    if (updates.length) edges.update(updates);
  }

  function reset() {
    state = fresh();
    for (const box of document.querySelectorAll("#legend input[data-class]")) box.checked = true;
    $("country").value = "";
    $("threat").value = "";
    $("from").value = $("to").value = "";
    $("quiet").checked = false;
    $("full").checked = false;
    showEdges();
    apply(true);
  }

  function fillSelect(select, key) {
    for (const n of data.nodes.filter((x) => x.kgClass === key).sort(byLabel)) {
      const option = el("option", null, n.label);
      option.value = n.id;
      select.appendChild(option);
    }
  }

  /* --- search: accents and case ignored, names starting with the text first --- */
  const folded = data.nodes.map((n) => [fold(n.label), n]);

  function showMatches(text) {
    const q = fold(text.trim()), list = $("matches");
    list.replaceChildren();
    if (!q) {
      list.hidden = true;
      return;
    }
    const found = folded.filter(([f]) => f.includes(q)).sort(([fa, a], [fb, b]) =>
      (!fa.startsWith(q)) - (!fb.startsWith(q)) || byLabel(a, b));
    for (const [, n] of found.slice(0, MAX_MATCHES)) {
      const item = el("li");
      item.setAttribute("role", "option");
      const b = button(n.label, null, () => choose(n.id));
      b.appendChild(el("span", "kind", kindOf(n)));
      item.appendChild(b);
      list.appendChild(item);
    }
    if (!found.length) list.appendChild(el("li", "none", "aucun résultat"));
    if (found.length > MAX_MATCHES) list.appendChild(more(found.length - MAX_MATCHES, "autres"));
    list.hidden = false;
  }

  /* Focus the network on a node, select (highlight) it and open its panel. */
  function choose(id) {
    if (!byId.has(id)) return;
    if (hiddenNow.get(id)) reset();
    if (hiddenNow.get(id)) {  // a post, ministry or article: in the full view only
      state.full = $("full").checked = true;
      showEdges();
      apply(false);
    }
    $("matches").hidden = true;
    network.selectNodes([id]);
    openPanel(id);
    network.focus(id, {scale: Math.max(network.getScale(), 1.2), offset: uncovered(),
                       animation: {duration: 300, easingFunction: "easeInOutQuad"}});
  }

  /* Where the middle of the graph's free part is, from the graph's centre (in pixels):
     the side panel and the controls cover parts of it, and a focused node belongs in
     what they leave. */
  function uncovered() {
    const g = $("graph").getBoundingClientRect();
    let [left, right, top, bottom] = [g.left, g.right, g.top, g.bottom];
    for (const id of ["panel", "controls"]) {
      const r = $(id).getBoundingClientRect();
      if ($(id).hidden || !r.width) continue;
      // cut off the side the box covers most of
      const cuts = [[r.right - left, "left"], [right - r.left, "right"],
                    [r.bottom - top, "top"], [bottom - r.top, "bottom"]]
        .filter(([size]) => size > 0)
        .map(([size, side]) => [size * (side === "left" || side === "right" ? g.height : g.width), side]);
      const overlaps = r.left < right && r.right > left && r.top < bottom && r.bottom > top;
      if (!overlaps || !cuts.length) continue;
      const [, side] = cuts.reduce((a, b) => (a[0] <= b[0] ? a : b));
      if (side === "left") left = r.right;
      if (side === "right") right = r.left;
      if (side === "top") top = r.bottom;
      if (side === "bottom") bottom = r.top;
    }
    return {x: (left + right) / 2 - (g.left + g.right) / 2, y: (top + bottom) / 2 - (g.top + g.bottom) / 2};
  }

  /* --- the side panel: a node's facts, each with its articles and sentences --- */
  function sources(src) {
    const list = el("ul", "sources");
    if (!src.length) list.appendChild(el("li", "none", "source non indiquée"));
    for (const [article, sentence] of src.slice(0, MAX_SOURCES)) {
      const item = el("li");
      item.appendChild(el("span", "article", "article " + data.articles[article]));
      if (sentence !== null) item.appendChild(el("blockquote", null, data.sentences[sentence]));
      list.appendChild(item);
    }
    if (src.length > MAX_SOURCES) list.appendChild(more(src.length - MAX_SOURCES, "autres sources"));
    return list;
  }

  /* One end of a fact: the node itself in bold, the other as a link to its own panel. */
  const end = (id, self) => id === self ? el("strong", null, labelOf(id))
    : button(labelOf(id), "link", () => choose(id));

  function fact(subject, property, object, src) {
    const item = el("li", "fact"), line = el("div", "triple");
    line.append(subject, " ", el("span", "prop", propertyLabel(property)), " ", object);
    item.append(line, sources(src));
    return item;
  }

  function factList(items, render) {
    const list = el("ul", "facts");
    for (const x of items.slice(0, MAX_FACTS)) list.appendChild(render(x));
    if (items.length > MAX_FACTS) list.appendChild(more(items.length - MAX_FACTS, "autres"));
    return list;
  }

  /* Outgoing edges first, then by property and by the other end's name. */
  function sortedEdges(id) {
    const other = (e) => labelOf(e.from === id ? e.to : e.from);
    return around.get(id).filter((e) => e.view !== "overview").sort((a, b) => (a.from !== id) - (b.from !== id) ||
      compare(propertyLabel(a.property), propertyLabel(b.property)) ||
      compare(other(a), other(b)) || a.id - b.id);
  }

  function openPanel(id) {
    const node = byId.get(id), panel = $("panel");
    if (!node) return;
    const title = el("h2", null, node.label);
    title.appendChild(el("span", "kind", kindOf(node)));
    const actions = el("div", "actions");
    actions.append(
      button("Voisinage", "neighbourhood", () => { state.focus = id; apply(true); }),
      button("Tout afficher", "reset", reset),
      button("Fermer", "close", closePanel));
    const own = sortedEdges(id);
    const loud = own.filter((e) => e.property !== data.quiet);
    const quiet = own.filter((e) => e.property === data.quiet);
    const edgeFact = (e) => fact(end(e.from, id), e.property, end(e.to, id), e.src);
    panel.replaceChildren(title, el("p", "iri", node.id), actions,
                          el("h3", null, "Faits (" + loud.length + ")"), factList(loud, edgeFact));
    if (!loud.length) panel.appendChild(el("p", "none", "aucun lien"));
    if (node.attrs) {
      const valueFact = ([property, value, src]) =>
        fact(el("strong", null, node.label), property, el("span", "value", value), src);
      panel.append(el("h3", null, "Valeurs (" + node.attrs.length + ")"),
                   factList(node.attrs, valueFact));
    }
    if (quiet.length) {
      const details = el("details");
      const name = "« " + propertyLabel(data.quiet) + " » (" + quiet.length + ")";
      details.append(el("summary", null, name), factList(quiet, edgeFact));
      panel.appendChild(details);
    }
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  function closePanel() {
    $("panel").hidden = true;
    network.unselectAll();
  }

  /* --- wiring --- */
  /* Labels at a readable size on screen whatever the zoom, for as many nodes as the
     screen has room for: the most connected first, more as the reader zooms in (the
     others' labels are drawn too small to show, and appear on hover and in the panel). */
  let fitScale = 1, drawn = "", settled = false;
  function legible() {
    const shown = data.nodes.filter((n) => !hiddenNow.get(n.id));
    if (shown.length > LEGIBLE) return;
    const scale = network.getScale(), factor = 1 / Math.min(1, scale);
    const room = $("graph").clientWidth * $("graph").clientHeight / (150 * 24);
    const budget = Math.round(room * 0.35 * Math.max(1, (scale / fitScale) ** 2));
    shown.sort((a, b) => b.value - a.value || compare(a.label, b.label));
    const size = (i) => (i < budget ? Math.round(13 * factor) : 1);
    const key = [factor.toFixed(2), budget, shown.length, shown[0] && shown[0].id].join("/");
    if (key === drawn) return;
    drawn = key;
    nodes.update(shown.map((n, i) => ({id: n.id, font: {size: size(i)}})));
  }

  function ready() {
    network.setOptions({physics: false});
    apply(false);
    if (!big) {
      network.fit();
      fitScale = network.getScale();
      settled = true;
      legible();
      const later = () => window.requestAnimationFrame(legible);
      network.on("zoom", later);
      network.on("animationFinished", later);  // after `focus` on a chosen node
    }
    document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
    document.body.setAttribute("data-ready", "1");
  }
  network.once("stabilizationIterationsDone", ready);
  network.on("stabilizationProgress", (p) => {
    $("status").textContent = "mise en place… " + Math.round(100 * p.iterations / p.total) + " %";
  });
  if (!data.nodes.length) ready();
  network.on("click", (params) => {
    if (params.nodes.length) openPanel(params.nodes[0]);
    else $("panel").hidden = true;
  });

  $("search").addEventListener("input", (e) => showMatches(e.target.value));
  $("search").addEventListener("keydown", (e) => {
    const first = document.querySelector("#matches button");
    if (e.key === "Enter" && first) first.click();
    if (e.key === "Escape") $("matches").hidden = true;
  });
  for (const box of document.querySelectorAll("#legend input[data-class]")) {
    box.addEventListener("change", () => {
      if (box.checked) state.hidden.delete(box.dataset.class);
      else state.hidden.add(box.dataset.class);
      apply(false);
    });
  }
  fillSelect($("country"), "Country");
  fillSelect($("threat"), "Threat");
  // A filter that cannot apply to this graph (a foreign one: no country, no threat) is not shown.
  for (const id of ["country", "threat"]) $(id).closest("label").hidden = $(id).options.length < 2;
  $("quiet").closest("label").hidden = !data.edges.some((e) => e.property === data.quiet);
  $("country").addEventListener("change", (e) => { state.country = e.target.value; apply(true); });
  const known = [...months.values()].flat().sort();
  $("period").hidden = !known.length;
  for (const id of ["from", "to"]) {
    if (known.length) [$(id).min, $(id).max] = [known[0], known[known.length - 1]];
    $(id).addEventListener("change", (e) => { state[id] = e.target.value; apply(true); });
  }
  $("threat").addEventListener("change", (e) => { state.threat = e.target.value; apply(true); });
  $("quiet").addEventListener("change", (e) => {
    state.quiet = e.target.checked;
    showEdges();
    apply(false);
  });
  $("full").addEventListener("change", (e) => {
    state.full = e.target.checked;
    showEdges();
    apply(true);
  });
  $("full").closest("label").hidden = !data.nodes.some((n) => n.detail);
  $("reset").addEventListener("click", reset);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("panel").hidden) closePanel();
  });

  window.newskg = {network, nodes, edges, data, choose};
})();
