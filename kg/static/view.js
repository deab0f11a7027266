/* newskg's interactive view: search, filters and the side panel of facts and sources.
 *
 * Every string from the graph is untrusted: the DOM is built with createElement and
 * textContent only, never from HTML text. On a graph of up to `data.big` nodes, filters
 * hide nodes (vis-network then hides their edges) and never move them: physics is off
 * once the layout has stabilised.
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
 *
 * A big graph (more than `data.big` nodes) is drawn a scene at a time: vis-network only
 * ever holds what is on display, at most SCENE nodes. When more pass the filters, the
 * scene is the aggregated overview: the classes with few members (countries, threats)
 * and the most connected nodes node by node, the others in groups — meetings by month
 * (or year), the rest by their country — with one link per pair of groups, as wide as
 * the links it stands for, and only each node's widest ones. A click on a group opens
 * it: its most connected members and what they link to. Search goes straight to an
 * entity's neighbourhood.
 *
 * Keyboard: "/" goes to the search box, the arrow keys walk its matches (the groups on
 * display among them), Enter opens one; in the panel every other end of a fact is a
 * button, so Tab and Enter walk the graph from node to node; Escape closes the panel and
 * returns to the search box; with the graph focused, the arrow keys pan and +/- zoom.
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
  // Big graphs: a scene holds at most SCENE nodes; in the aggregated overview the classes
  // with fewest members on display are drawn node by node up to FEW nodes in all (countries
  // and threats, in a news graph), and so are the TOP most connected of the others; the
  // rest of each class goes into up to GROUPS groups, and each node keeps its STRONGEST
  // widest links.
  const SCENE = 300, FEW = 160, TOP = 40, GROUPS = 40, STRONGEST = 3;
  // Nodes with no link in the overview but "mentionne" ones (a place or a body only named)
  // are left out of it, as the post, ministry and article nodes are.
  const linked = new Set();
  for (const e of data.edges) {
    if (e.view !== "full" && e.property !== data.quiet) linked.add(e.from).add(e.to);
  }
  for (const n of data.nodes) n.detail = n.detail || !linked.has(n.id);

  /* --- what is on display: the overview or the full view, "mentionne" links or not --- */
  const fresh = () => ({hidden: new Set(), country: "", threat: "", focus: "", quiet: false,
                        full: false, from: "", to: "", group: null});
  let state = fresh();
  const inView = (edge) => (state.full ? edge.view !== "overview" : edge.view !== "full");
  const followed = (edge) => inView(edge) && (state.quiet || edge.property !== data.quiet);
  for (const e of data.edges) e.hidden = !followed(e);
  for (const n of data.nodes) n.hidden = Boolean(n.detail);

  const $ = (id) => document.getElementById(id);
  // A small graph is all in vis-network's data sets, filters hiding and showing its nodes;
  // a big one's sets hold the scene on display only (see `draw`).
  const nodes = new vis.DataSet(big ? [] : data.nodes);
  const edges = new vis.DataSet(big ? [] : data.edges);
  const network = new vis.Network($("graph"), {nodes, edges}, options());

  /* vis-network's settings: one layout for every scene, as none holds more than a few
     hundred nodes; the arrow keys pan and +/- zoom when the graph has the focus. */
  function options() {
    return {
      layout: {randomSeed: data.randomSeed, improvedLayout: data.nodes.length <= 100},
      physics: {solver: "forceAtlas2Based", stabilization: {iterations: 250, updateInterval: 250, fit: false},
                forceAtlas2Based: {gravitationalConstant: -120, springLength: 130, avoidOverlap: 0.8, theta: 0.9}},
      interaction: {hover: true, tooltipDelay: 150, keyboard: {enabled: true, bindToWindow: false}},
      nodes: {
        font: {size: 14}, borderWidthSelected: 4,
        scaling: {min: 10, max: 34, label: {enabled: false}},  // `legible` sizes the labels
      },
      edges: {
        arrows: {to: {enabled: true, scaleFactor: 0.6}}, smooth: false,
        color: {color: "#999999", inherit: false},
        font: {size: 10, align: "middle", strokeWidth: 0, background: "rgba(255,255,255,0.85)"},
        scaling: {min: 1, max: 9, label: {drawThreshold: 5}},  // a group link's width: its count
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
  const compare = new Intl.Collator("fr").compare;
  const byLabel = (a, b) => compare(a.label, b.label) || (a.id < b.id ? -1 : 1);
  const more = (n, what) => el("li", "more", "… et " + n + " " + what);
  const across = (edge, id) => (edge.from === id ? edge.to : edge.from);  // a link's other end
  const onDisplay = (record) => ({...record, hidden: false});  // a scene's copy of a record
  const tally = (counts, key) => counts.set(key, (counts.get(key) || 0) + 1);

  /* --- filters --- */
  const hiddenNow = new Map(data.nodes.map((n) => [n.id, n.hidden]));  // small graphs only

  function within(start, hops) {
    const seen = new Set([start]);
    let frontier = [start];
    for (let i = 0; i < hops; i++) {
      const next = [];
      for (const id of frontier) {
        for (const e of around.get(id)) {
          const other = across(e, id);
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
        for (const e of around.get(id)) if (followed(e)) keep.add(across(e, id));
      }
    }
    return keep;
  }

  let said = "";  // what the status line says of the view (the layout's progress aside)
  function apply(fit) {
    const anchors = [[state.focus, 1]].filter(([id]) => id && byId.has(id));
    const areas = anchors.map(([id, hops]) => within(id, hops));
    const picked = [state.country, state.threat].filter((id) => id && byId.has(id));
    if (picked.length) areas.push(story(byId.has(state.country) ? state.country : "",
                                        byId.has(state.threat) ? state.threat : ""));
    if (state.from || state.to) areas.push(period(state.from, state.to));
    const chosen = new Set([...anchors.map(([id]) => id), ...picked]);
    let shown = data.nodes.filter((n) => areas.every((area) => area.has(n.id)) &&
      (state.full || !n.detail) && (chosen.has(n.id) || !state.hidden.has(n.kgClass))).map((n) => n.id);
    let cut = "";
    if (big) [shown, cut] = trimmed(shown);
    const showing = new Set(shown);
    let grouping = "";  // how a big graph's scene was grouped
    if (big) grouping = draw(shown);
    else hide(showing);
    const links = data.edges.filter((e) => followed(e) && showing.has(e.from) && showing.has(e.to)).length;
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
    said = shown.length + " nœuds sur " + data.nodes.length + ", " + links + " liens" + grouping +
      cut + focus + about + when;
    $("status").textContent = said;
    if (fit && !big) network.fit(shown.length < data.nodes.length ? {nodes: shown} : undefined);
    if (settled && !big) legible();
  }

  /* A small graph: hide and show its nodes in place. */
  function hide(showing) {
    const updates = [];
    for (const n of data.nodes) {
      const show = showing.has(n.id);
      if (hiddenNow.get(n.id) === show) {
        hiddenNow.set(n.id, !show);
        updates.push({id: n.id, hidden: !show});
      }
    }
    if (updates.length) nodes.update(updates);
  }

  /* --- big graphs: a scene at a time --- */
  const byValue = (a, b) => byId.get(b).value - byId.get(a).value || (a < b ? -1 : 1);

  /* What an opened group or a neighbourhood keeps of the nodes that pass the filters when
     they are too many for one scene: the group's most connected members and the most
     connected of what they link to; the chosen node's most connected neighbours. */
  function trimmed(shown) {
    if (state.group) {
      const members = shown.filter((id) => state.group.members.has(id)).sort(byValue);
      const keep = new Set(members.slice(0, SCENE / 2)), passing = new Set(shown);
      const reached = new Set();
      for (const id of keep) {
        for (const e of around.get(id)) {
          const other = across(e, id);
          if (followed(e) && passing.has(other) && !keep.has(other)) reached.add(other);
        }
      }
      for (const id of [...reached].sort(byValue).slice(0, SCENE - keep.size)) keep.add(id);
      const of = members.length > SCENE / 2
        ? "les " + Math.min(members.length, SCENE / 2) + " plus reliés de ses " + members.length + " membres"
        : "ses " + members.length + " membres";
      return [shown.filter((id) => keep.has(id)), " — groupe « " + state.group.name + " » : " + of];
    }
    if (state.focus && byId.has(state.focus) && shown.length > SCENE) {
      const others = shown.filter((id) => id !== state.focus).sort(byValue).slice(0, SCENE - 1);
      const keep = new Set([state.focus, ...others]);
      return [shown.filter((id) => keep.has(id)),
              " — les " + others.length + " voisins les plus reliés sur " + (shown.length - 1)];
    }
    return [shown, ""];
  }

  /* What a node is grouped by: a meeting's month, else the country it links to (the
     first by name), else nothing but its class. */
  const countryOf = new Map();
  for (const e of data.edges) {
    if (e.property === data.quiet) continue;
    for (const [a, b] of [[e.from, e.to], [e.to, e.from]]) {
      const now = countryOf.get(a);
      if (byId.get(b).kgClass === "Country" && (!now || compare(labelOf(b), labelOf(now)) < 0)) {
        countryOf.set(a, b);
      }
    }
  }

  /* Each member's group name within its class: by month (by year when the months are more
     than GROUPS) or by country; the GROUPS - 1 biggest groups keep their name, the rest
     go together as "autres". */
  function facets(members) {
    const byMonth = members.some((id) => months.has(id));
    const monthsSeen = new Set(members.filter((id) => months.has(id)).map((id) => months.get(id)[0]));
    const facet = (id) => byMonth
      ? (months.has(id) ? months.get(id)[0].slice(0, monthsSeen.size > GROUPS ? 4 : 7) : "sans date")
      : (countryOf.has(id) ? labelOf(countryOf.get(id)) : "");
    const named = new Map(members.map((id) => [id, facet(id)]));
    const sizes = new Map();
    for (const f of named.values()) tally(sizes, f);
    if (sizes.size > 1) {  // one group only: the class's own name says it all
      const kept = new Set([...sizes].filter(([f]) => f).sort((a, b) => b[1] - a[1] || compare(a[0], b[0]))
        .slice(0, GROUPS - 1).map(([f]) => f));
      for (const [id, f] of named) if (!kept.has(f)) named.set(id, "autres");
    }
    return named;
  }

  // the node records on display; a layout running; how many scenes were drawn
  let scene = [], layingOut = false, scenes = big ? 0 : 1;
  const groups = new Map();  // group node id -> {name, members}

  /* Put the nodes shown in vis-network's data sets, node by node when they fit in a scene,
     else in groups, and lay them out; a scene asked for while another is being laid out
     waits for it. Says how the scene was grouped, for the status. */
  let next = null;
  function draw(shown) {
    groups.clear();
    next = shown.length <= SCENE ? single(shown) : grouped(shown);
    scenes += 1;
    const [sceneNodes] = next;
    if (!layingOut) lay();
    if (!groups.size) return "";
    return " — vue d'ensemble : " + groups.size + " groupes et " + (sceneNodes.length - groups.size) +
      " nœuds seuls ; un clic sur un groupe l'ouvre";
  }

  function lay() {
    const [sceneNodes, sceneEdges] = next;
    next = null;
    spread(sceneNodes);
    scene = sceneNodes;
    nodes.clear();
    edges.clear();
    network.setOptions({physics: {enabled: true}});
    nodes.add(sceneNodes);
    edges.add(sceneEdges);
    layingOut = true;
    if (sceneNodes.length) network.stabilize();
    else laidOut();
  }

  function single(shown) {
    const ids = new Set(shown);
    return [shown.map((id) => onDisplay(byId.get(id))),
            data.edges.filter((e) => followed(e) && ids.has(e.from) && ids.has(e.to))
              .map(onDisplay)];
  }

  function grouped(shown) {
    const perClass = new Map();
    for (const id of shown) {
      const cls = byId.get(id).kgClass;
      if (!perClass.has(cls)) perClass.set(cls, []);
      perClass.get(cls).push(id);
    }
    // The classes with fewest members node by node, up to FEW nodes; of the others, the TOP
    // most connected node by node too, and the rest in groups.
    const alone = new Set(), many = [];
    let room = FEW;
    for (const [cls, members] of [...perClass].sort((a, b) => a[1].length - b[1].length)) {
      if (members.length <= room) {
        room -= members.length;
        for (const id of members) alone.add(id);
      } else {
        room = 0;
        many.push([cls, members]);
      }
    }
    for (const id of many.flatMap(([, members]) => members).sort(byValue).slice(0, TOP)) alone.add(id);
    const sceneNodes = shown.filter((id) => alone.has(id)).map((id) => onDisplay(byId.get(id)));
    const into = new Map();  // node id -> its group's id
    for (const [cls, members] of many) {
      const style = classes.get(cls);
      for (const [id, facet] of facets(members.filter((id) => !alone.has(id)))) {
        const gid = "group:" + cls + ":" + facet;
        if (!groups.has(gid)) groups.set(gid, {name: style.name + (facet ? " · " + facet : ""), members: []});
        groups.get(gid).members.push(id);
        into.set(id, gid);
      }
    }
    for (const [gid, g] of groups) {
      if (g.members.length === 1) {  // a group of one is its member
        sceneNodes.push(onDisplay(byId.get(g.members[0])));
        into.delete(g.members[0]);
        groups.delete(gid);
        continue;
      }
      const cls = byId.get(g.members[0]).kgClass, style = classes.get(cls);
      sceneNodes.push({id: gid, label: g.name + " (" + g.members.length + ")", kgClass: cls,
        shape: style.shape, color: style.color, value: g.members.length,
        title: g.members.length + " × " + style.name + " — un clic ouvre le groupe"});
    }
    const ids = new Set(shown), links = new Map();
    for (const e of data.edges) {
      if (!followed(e) || !ids.has(e.from) || !ids.has(e.to)) continue;
      const a = into.get(e.from) || e.from, b = into.get(e.to) || e.to;
      if (a === b) continue;
      const key = a < b ? a + "\n" + b : b + "\n" + a;
      if (!links.has(key)) links.set(key, {from: a, to: b, edges: []});
      links.get(key).edges.push(e);
    }
    const sceneEdges = strongest([...links.values()]).map((l, i) => {
      if (l.edges.length === 1 && l.from === l.edges[0].from) return onDisplay(l.edges[0]);
      const props = new Map();
      for (const e of l.edges) tally(props, e.property);
      return {id: "links-" + i, from: l.from, to: l.to, value: l.edges.length, arrows: {to: false},
              label: "", title: l.edges.length + " liens\n" + [...props].map(([p, n]) =>
                propertyLabel(p) + " : " + n).join("\n")};
    });
    return [sceneNodes, sceneEdges];
  }

  /* The links an aggregated scene draws: each node's STRONGEST widest ones (a link stands
     for as many links of the graph as it is wide); the others would only blur the picture. */
  function strongest(links) {
    const ranked = links.slice().sort((a, b) => b.edges.length - a.edges.length ||
      (a.from + a.to < b.from + b.to ? -1 : 1));
    const taken = new Map(), kept = [];
    for (const l of ranked) {
      if ((taken.get(l.from) || 0) >= STRONGEST && (taken.get(l.to) || 0) >= STRONGEST) continue;
      for (const end of [l.from, l.to]) tally(taken, end);
      kept.push(l);
    }
    return kept;
  }

  /* A group clicked: its panel lists its members, and the scene shows the most connected. */
  function openGroup(gid) {
    const g = groups.get(gid);
    if (!g) return;
    state.group = {name: g.name, members: new Set(g.members)};
    state.focus = "";
    const members = [...g.members].sort(byValue);
    const title = el("h2", null, g.name);
    title.tabIndex = -1;
    title.appendChild(el("span", "kind", "groupe de " + members.length));
    const actions = el("div", "actions");
    actions.append(button("Vue d'ensemble", "reset", () => reset()), button("Fermer", "close", closePanel));
    const list = el("ul", "facts");
    for (const id of members.slice(0, MAX_FACTS)) {
      const item = el("li", "fact");
      item.appendChild(button(labelOf(id), "link", () => choose(id)));
      list.appendChild(item);
    }
    if (members.length > MAX_FACTS) list.appendChild(more(members.length - MAX_FACTS, "autres"));
    $("panel").replaceChildren(title, actions, el("h3", null, "Membres, les plus reliés d'abord"), list);
    $("panel").hidden = false;
    $("matches").hidden = true;
    title.focus({preventScroll: true});
    apply(true);
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
    if (updates.length && !big) edges.update(updates);  // a big graph's scene is drawn anew
  }

  /* Back to the whole view: every filter off; `kept`, when given, is the state to show
     instead (search on a big graph keeps the full view and "mentionne" links as they are). */
  function reset(kept) {
    state = kept || fresh();
    for (const box of document.querySelectorAll("#legend input[data-class]")) box.checked = true;
    $("country").value = "";
    $("threat").value = "";
    $("from").value = $("to").value = "";
    $("quiet").checked = state.quiet;
    $("full").checked = state.full;
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
    // the groups on display are found too, so that the keyboard can open them
    const drawn = [...groups].map(([id, g]) => [fold(g.name), {id, label: g.name, size: g.members.length}]);
    const found = [...drawn, ...folded].filter(([f]) => f.includes(q)).sort(([fa, a], [fb, b]) =>
      (!fa.startsWith(q)) - (!fb.startsWith(q)) || byLabel(a, b));
    for (const [, n] of found.slice(0, MAX_MATCHES)) {
      const item = el("li");
      item.setAttribute("role", "option");
      const b = button(n.label, null, () => (n.size ? openGroup(n.id) : choose(n.id)));
      b.appendChild(el("span", "kind", n.size ? "groupe de " + n.size : kindOf(n)));
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
    if (big) {  // straight to its neighbourhood, laid out as a scene of its own
      const full = state.full || Boolean(byId.get(id).detail);
      reset({...fresh(), full, quiet: state.quiet, focus: id});
      whenLaidOut(() => select(id, false));
      return;
    }
    if (hiddenNow.get(id)) reset();
    if (hiddenNow.get(id)) {  // a post, ministry or article: in the full view only
      state.full = $("full").checked = true;
      showEdges();
      apply(false);
    }
    select(id);
  }

  /* Select the node, open its panel and move the keyboard there (Tab then walks its
     facts); then zoom on the node in the part of the window the panel leaves free, or
     (`zoom` false: the scene is its neighbourhood) fit the whole scene in that part. */
  function select(id, zoom = true) {
    $("matches").hidden = true;
    network.selectNodes([id]);
    openPanel(id);
    $("panel").querySelector("h2").focus({preventScroll: true});
    if (zoom) {
      network.focus(id, {scale: Math.max(network.getScale(), 1.2), offset: uncovered(),
                         animation: {duration: 300, easingFunction: "easeInOutQuad"}});
    } else {
      fitFree();
      legible();
    }
  }

  /* The part of the graph that the side panel and the controls leave free (in pixels):
     each of them that overlaps the graph cuts off the side it covers most of. */
  function freePart() {
    const g = $("graph").getBoundingClientRect();
    let [left, right, top, bottom] = [g.left, g.right, g.top, g.bottom];
    for (const id of ["panel", "controls"]) {
      const r = $(id).getBoundingClientRect();
      if ($(id).hidden || !r.width) continue;
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
    return {g, left, right, top, bottom};
  }

  /* Where the middle of the free part is, from the graph's centre: a focused node belongs
     there. */
  function uncovered(free = freePart()) {
    const {g, left, right, top, bottom} = free;
    return {x: (left + right) / 2 - (g.left + g.right) / 2, y: (top + bottom) / 2 - (g.top + g.bottom) / 2};
  }

  /* The whole scene in the free part of the graph, at most at its natural size (scale 1),
     with room around it for the nodes' labels. */
  function fitFree() {
    const ids = nodes.getIds({filter: (n) => !n.hidden});
    if (!ids.length) return;
    const at = Object.values(network.getPositions(ids));
    const xs = at.map((p) => p.x), ys = at.map((p) => p.y);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const free = freePart(), {left, right, top, bottom} = free;
    // room on screen: half a label's width on each side, a node and its label above and below
    const scale = Math.min(1, Math.max(40, right - left - 140) / Math.max(1, x1 - x0),
                           Math.max(40, bottom - top - 90) / Math.max(1, y1 - y0));
    network.moveTo({position: {x: (x0 + x1) / 2, y: (y0 + y1) / 2 + 10 / scale}, scale,
                    offset: uncovered(free)});
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
    const other = (e) => labelOf(across(e, id));
    return around.get(id).filter((e) => e.view !== "overview").sort((a, b) => (a.from !== id) - (b.from !== id) ||
      compare(propertyLabel(a.property), propertyLabel(b.property)) ||
      compare(other(a), other(b)) || a.id - b.id);
  }

  function openPanel(id) {
    const node = byId.get(id), panel = $("panel");
    if (!node) return;
    const title = el("h2", null, node.label);
    title.tabIndex = -1;
    title.appendChild(el("span", "kind", kindOf(node)));
    const actions = el("div", "actions");
    actions.append(
      button("Voisinage", "neighbourhood", () => { state.focus = id; apply(true); }),
      button("Tout afficher", "reset", () => reset()),
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
  /* Labels at a readable size on screen whatever the zoom (13 px), for as many nodes as
     they fit without covering one another: the most connected first, each where it is
     drawn (centred below its node) and in the part of the window the panel and controls
     leave free; more as the reader zooms in. The others' labels are drawn too small to
     show, and appear on hover and in the panel. */
  const LABEL = 13, ruler = document.createElement("canvas").getContext("2d");
  ruler.font = LABEL + "px arial";  // vis-network's face
  const widths = new Map();
  const widthOf = (label) => widths.get(label) ?? widths.set(label, ruler.measureText(label).width).get(label);
  let drawn = "", settled = false;
  function legible() {
    const shown = big ? scene.slice() : data.nodes.filter((n) => !hiddenNow.get(n.id));
    const size = Math.round(LABEL / Math.min(1, network.getScale()));  // canvas units
    const free = freePart(), canvas = $("graph").getBoundingClientRect();
    const at = network.getPositions(shown.map((n) => n.id));
    shown.sort((a, b) => b.value - a.value || compare(a.label, b.label));
    // Where vis-network draws a label of F canvas units below a node of size R: from
    // R + 0.8 F to R + 1.8 F under its centre; `vadjust` = -(2 R + 2 F) lifts it to just above.
    const taken = [], scale = network.getScale(), px = size * scale;  // the font on screen
    const clear = (box) => !taken.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]);
    const fonts = shown.map((n) => {
      const p = network.canvasToDOM(at[n.id]), x = canvas.left + p.x, y = canvas.top + p.y;
      if (x < free.left || x > free.right || y < free.top || y > free.bottom) return {size: 1, vadjust: 0};
      const half = widthOf(n.label) * px / LABEL / 2 + 2, r = network.body.nodes[n.id].options.size * scale;
      const below = [x - half, y + r + 0.8 * px, x + half, y + r + 1.8 * px];
      const above = [x - half, y - r - 1.2 * px, x + half, y - r - 0.2 * px];
      const box = [below, above].find(clear);
      if (!box) return {size: 1, vadjust: 0};
      taken.push(box);
      return {size, vadjust: box === below ? 0 : -(2 * r + 2 * px) / scale};
    });
    const key = shown.map((n, i) => n.id + ":" + fonts[i].size + ":" + Math.round(fonts[i].vadjust)).join("\n");
    if (key === drawn) return;
    drawn = key;
    nodes.update(shown.map((n, i) => ({id: n.id, font: fonts[i]})));
  }

  /* A layout has settled: physics off (filters never move a node), the whole scene in
     the window, its labels legible; then what waited for it (a search's focus). */
  const waiting = [];
  const whenLaidOut = (then) => waiting.push(then);
  function laidOut() {
    if (!layingOut && big) return;  // vis-network's own first pass over the empty sets
    layingOut = false;
    if (next) return lay();  // drawn over while it was laid out
    network.setOptions({physics: false});
    $("status").textContent = said;
    fitFree();
    drawn = "";
    settled = true;
    legible();
    document.body.setAttribute("data-scene", String(scenes));  // a scene drawn over is skipped
    if (!document.body.hasAttribute("data-ready")) {
      const later = () => window.requestAnimationFrame(legible);
      network.on("zoom", later);
      network.on("animationFinished", later);  // after `focus` on a chosen node
      network.on("dragEnd", later);  // a node moved by hand
      document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
      document.body.setAttribute("data-ready", "1");
    }
    while (waiting.length) waiting.shift()();
  }
  network.on("stabilizationProgress", (p) => {
    $("status").textContent = "mise en place… " + Math.round(100 * p.iterations / p.total) + " %";
  });
  if (big) {
    network.on("stabilizationIterationsDone", laidOut);
  } else {
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({physics: false});
      apply(false);
      laidOut();
    });
    if (!data.nodes.length) laidOut();
  }
  network.on("click", (params) => {
    const id = params.nodes[0];
    if (id && groups.has(id)) openGroup(id);
    else if (id) openPanel(id);
    else $("panel").hidden = true;
  });

  $("search").addEventListener("input", (e) => showMatches(e.target.value));
  $("search").addEventListener("keydown", (e) => {
    const first = document.querySelector("#matches button");
    if (e.key === "Enter" && first) first.click();
    if (e.key === "Escape") $("matches").hidden = true;
    if (e.key === "ArrowDown" && first) {
      e.preventDefault();
      first.focus();
    }
  });
  /* The matches: up and down walk them, Escape goes back to the search box. */
  $("matches").addEventListener("keydown", (e) => {
    const list = [...document.querySelectorAll("#matches button")];
    const at = list.indexOf(document.activeElement);
    if (at < 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const next = at + (e.key === "ArrowDown" ? 1 : -1);
      if (next < 0) $("search").focus();
      else list[Math.min(next, list.length - 1)].focus();
    }
    if (e.key === "Escape") {
      $("matches").hidden = true;
      $("search").focus();
    }
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
  $("reset").addEventListener("click", () => reset());
  document.addEventListener("keydown", (e) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    if (e.key === "/" && !typing) {
      e.preventDefault();
      $("search").focus();
      $("search").select();
    }
    if (e.key === "Escape" && !$("panel").hidden) {
      closePanel();
      $("search").focus();
    }
  });

  if (big) apply(true);  // the first scene

  window.newskg = {network, nodes, edges, data, choose};
})();
