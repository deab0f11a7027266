/* A projection page of `kg analyze --html`: the network pyvis described, drawn by
 * vis-network; physics stops once the layout has settled. Labels are drawn on a canvas
 * and tooltips as text, so no string from the graph becomes HTML. */
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("projection-data").textContent);
  const ready = () => {
    document.body.setAttribute("data-ready", "1");
  };
  const network = new vis.Network(document.getElementById("graph"),
    {nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}, data.options);
  network.once("stabilizationIterationsDone", () => {
    network.setOptions({physics: false});
    ready();
  });
  if (!data.nodes.length) ready();
  window.newskgProjection = {network, data};
})();
