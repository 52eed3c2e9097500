/* Ketenkaart map behaviour on top of dash-cytoscape (every canvas with class graph-canvas):
   - names by zoom: a node gets class "lbl" once the zoom reaches its label zoom data(lz)
     (placed on the server so no two shown names overlap); fonts stay FONT px on screen
     (a style bypass on the nodes showing a name: only those are restyled as the zoom changes);
   - fit: the view fits the nodes (not their names) with room for names at the edges;
   - hover: a tooltip with data(label) and the lines in data(tip), within one frame;
   - dragged nodes keep their place for the rest of the visit (sessionStorage);
   - clicks hit the node under the pointer after the page around the map changed size;
   - the canvas' shape: estimated before the canvas exists (shape()), measured as it changes size
     (ResizeObserver) and sent to the server (store "kaart-shape"), which draws the map upright
     on a portrait canvas; the view follows the canvas' size (cytoscape only watches the window);
   - export: the current view at >= 2,400 px wide with title, filters, date and legend (PNG, SVG),
     at the canvas' size now: cytoscape sizes its image by the container's place on the page,
     which it caches, so a stale cache left part of the image empty. */
(function () {
  "use strict";
  var FONT = 12, PAD_X = 24, PAD_TOP = 6, PAD_BOTTOM = 34, EXPORT_WIDTH = 2400;
  var STORE = "ketenkaart-dragged", SHAPE = "kaart-shape", PHONE = 760;

  /* The canvas' width / height: measured, or before it exists as kaart.css will make it
     (phones: the screen's width, the viewport's height less 10rem; else 72vh beside the panel). */
  function shape(el) {
    var canvas = el || document.querySelector(".kaart .graph-canvas");
    if (canvas && canvas.clientWidth > 0 && canvas.clientHeight > 0) {
      return Math.round(100 * canvas.clientWidth / canvas.clientHeight) / 100;
    }
    var w = window.innerWidth, h = window.innerHeight;
    if (w <= PHONE) { return Math.round(100 * (w - 24) / Math.max(352, h - 160)) / 100; }
    var wide = w <= 900 ? w - 40 : w - 423;
    return Math.round(100 * wide / (0.72 * h)) / 100;
  }

  function sendShape(el) {
    var now = shape(el), sent = window.ketenkaart && window.ketenkaart.sentShape;
    if (!window.dash_clientside || !dash_clientside.set_props || !el || !el.closest(".kaart")) { return; }
    if (sent && Math.abs(now - sent) / sent < 0.1) { return; }
    window.ketenkaart.sentShape = now;
    try { dash_clientside.set_props(SHAPE, {data: now}); } catch (e) { /* the page is going */ }
  }

  /* Room around the nodes: names hang below their nodes, so little above and at the sides,
     more below; fit() adds room where a shown name still runs over an edge. Less on a narrow
     canvas (a phone). */
  function pads(cy) {
    var x = Math.min(PAD_X, Math.max(14, 0.06 * cy.width()));
    return {x: x, top: Math.min(PAD_TOP, 0.03 * cy.height() + 4), bottom: Math.min(PAD_BOTTOM, 0.04 * cy.height() + 8)};
  }

  function dragged() {
    try { return JSON.parse(sessionStorage.getItem(STORE) || "{}"); } catch (e) { return {}; }
  }

  /* The names of ``nodes`` FONT px on screen at the current zoom (a group's 14 px), as a style
     bypass: a node without a name looks the same at any font size, so only the named ones are
     restyled (a change of the stylesheet restyles every element, and adds rules each time). */
  function fonts(cy, nodes) {
    var z = cy.zoom(), sizes = {"font-size": FONT / z, "text-outline-width": 2 / z, "text-margin-y": 2 / z};
    nodes.not(".group").style(sizes);
    nodes.filter(".group").style(Object.assign({}, sizes, {"font-size": 14 / z}));
  }

  /* Class "lbl" on the nodes whose label zoom the zoom has reached; only the nodes that change
     get or lose it (cytoscape restyles every node it is asked to toggle, changed or not). */
  function labels(cy) {
    var z = cy.zoom(), show = [], hide = [];
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var lz = n.data("lz"), on = lz !== undefined && lz <= z + 1e-9;
        if (on !== n.hasClass("lbl")) { (on ? show : hide).push(n); }
      });
      cy.collection(show).addClass("lbl");
      cy.collection(hide).removeClass("lbl");
      fonts(cy, cy.nodes(".lbl, .group, .area, :selected"));
    });
  }

  /* Fit the nodes (not their names) with room for names at the edges; then, where a shown
     name still runs over an edge of the canvas, fit again with that much more room there. */
  function fit(cy) {
    var nodes = cy.nodes();
    if (nodes.length === 0) { return; }
    var bb = nodes.boundingBox({includeLabels: false, includeOverlays: false}), pad = pads(cy);
    var extra = {l: 0, r: 0, t: 0, b: 0};
    for (var round = 0; round < 3; round++) {
      var left = pad.x + extra.l, top = pad.top + extra.t;
      var w = cy.width() - left - pad.x - extra.r, h = cy.height() - top - pad.bottom - extra.b;
      var zoom = Math.min(w / Math.max(bb.w, 1), h / Math.max(bb.h, 1));
      zoom = Math.max(cy.minZoom(), Math.min(zoom, 2));
      cy.viewport({
        zoom: zoom,
        pan: {x: left + (w - bb.w * zoom) / 2 - bb.x1 * zoom, y: top + (h - bb.h * zoom) / 2 - bb.y1 * zoom}
      });
      labels(cy);
      var over = overhang(cy);
      if (over.l + over.r + over.t + over.b < 1) { return; }
      extra = {
        l: Math.min(extra.l + over.l, 0.25 * cy.width()), r: Math.min(extra.r + over.r, 0.25 * cy.width()),
        t: Math.min(extra.t + over.t, 0.2 * cy.height()), b: Math.min(extra.b + over.b, 0.2 * cy.height())
      };
    }
  }

  /* How far the shown names run over each edge of the canvas, in screen pixels. */
  function overhang(cy) {
    var over = {l: 0, r: 0, t: 0, b: 0}, W = cy.width(), H = cy.height();
    cy.nodes(".lbl").forEach(function (n) {
      var b = n.renderedBoundingBox({includeNodes: false, includeEdges: false, includeLabels: true});
      over.l = Math.max(over.l, 2 - b.x1); over.r = Math.max(over.r, b.x2 - W + 2);
      over.t = Math.max(over.t, 2 - b.y1); over.b = Math.max(over.b, b.y2 - H + 2);
    });
    return over;
  }

  function restore(cy) {
    var kept = dragged();
    cy.nodes().forEach(function (n) { if (kept[n.id()]) { n.position(kept[n.id()]); } });
  }

  function tooltip(cy, box) {
    var tip = box && box.querySelector(".graph-tooltip");
    if (!tip) { return; }
    cy.on("mouseover", "node", function (evt) {
      var n = evt.target, lines = [n.data("label")].concat(n.data("tip") || []);  /* tip: the lines after the name */
      tip.replaceChildren();
      lines.forEach(function (line, i) {
        var el = document.createElement(i === 0 ? "strong" : "div");
        el.textContent = line;
        tip.appendChild(el);
      });
      var p = n.renderedPosition(), canvas = cy.container();
      tip.style.left = (canvas.offsetLeft + p.x + 14) + "px";
      tip.style.top = (canvas.offsetTop + p.y + 14) + "px";
      tip.classList.add("shown");
      n.connectedEdges().addClass("near");
    });
    cy.on("mouseout", "node", function (evt) {
      tip.classList.remove("shown");
      evt.target.connectedEdges().removeClass("near");
    });
    cy.on("viewport", function () { tip.classList.remove("shown"); });
  }

  function attach(el) {
    var cy = el._cyreg && el._cyreg.cy;
    if (!cy || cy._ketenkaart) { return; }
    cy._ketenkaart = true;
    var pending = false;
    cy.on("zoom", function () {
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () { pending = false; labels(cy); });
    });
    var waiting = false, drawn = "";
    var settle = function () {
      waiting = false;
      restore(cy);
      /* Fit only when the server sent another map (other nodes or places), not when the same
         elements were handed back (a click re-renders the component): the user's zoom stays. */
      var sum = 0;
      cy.nodes().forEach(function (n) { var p = n.position(); sum += p.x * 3 + p.y; });
      var now = cy.nodes().length + ":" + Math.round(sum);
      if (now !== drawn) { drawn = now; fit(cy); }
      labels(cy);
    };
    var later = function () { if (!waiting) { waiting = true; requestAnimationFrame(settle); } };
    /* New or fewer elements from the server: fit again (the page turns cytoscape's own layout
       refresh off, autoRefreshLayout, which ran the preset layout once more and fitted with the
       labels counted); the same ids with new data: fit only when the places changed. */
    cy.on("layoutstop add remove", function () { drawn = ""; later(); });
    cy.on("data", later);
    cy.on("select", "node", function (evt) { fonts(cy, evt.target); });  /* a selected node shows its name */
    cy.on("dragfree", "node", function (evt) {
      var kept = dragged();
      kept[evt.target.id()] = evt.target.position();
      sessionStorage.setItem(STORE, JSON.stringify(kept));
    });
    tooltip(cy, el.closest(".graph-view"));
    /* Cytoscape caches where its canvas sits on the page and refreshes that only on scroll and
       window resize; when content above or beside it changes size (the side panel, a status
       line), clicks would land beside the node. Forget that place as the pointer comes in or presses. */
    var fresh = function () {
      var r = cy.renderer();
      if (r && r.invalidateContainerClientCoordsCache) { r.invalidateContainerClientCoordsCache(); }
    };
    ["mousedown", "mouseenter", "touchstart", "wheel"].forEach(function (kind) {
      el.addEventListener(kind, fresh, {capture: true, passive: true});
    });
    /* The canvas changed size (a phone turned, the window, the page around it): cytoscape
       learns its new size, the view fits again, and the server hears the new shape. */
    var size = el.clientWidth + "x" + el.clientHeight;
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        var now = el.clientWidth + "x" + el.clientHeight;
        if (now === size || el.clientWidth === 0) { return; }
        size = now;
        fresh();
        cy.resize();
        fit(cy);
        labels(cy);
        sendShape(el);
      }).observe(el);
    }
    settle();
    sendShape(el);
  }

  function scan() {
    document.querySelectorAll(".graph-canvas").forEach(attach);
  }
  new MutationObserver(scan).observe(document.documentElement, {childList: true, subtree: true});
  document.addEventListener("DOMContentLoaded", scan);

  /* ----------------------------------------------------------------- export */

  function cyOf(name) {
    var el = document.getElementById(JSON.stringify({name: name, type: "kaart-graph"}));
    return el && el._cyreg && el._cyreg.cy;
  }

  function frame(meta, width, mapHeight) {
    var lines = (meta.lines || []), legend = (meta.legend || []);
    var perRow = 4, rows = Math.ceil(legend.length / perRow);
    var head = 60 + 34 * lines.length + 30, foot = 40 + 40 * rows + 30;
    return {head: head, foot: foot, height: head + mapHeight + foot, perRow: perRow};
  }

  function drawText(ctx, meta, f, width, mapHeight) {
    ctx.fillStyle = "#1f2933";
    ctx.font = "bold 44px Helvetica, Arial, sans-serif";
    ctx.fillText(meta.title || "Ketenkaart", 40, 60);
    ctx.font = "26px Helvetica, Arial, sans-serif";
    (meta.lines || []).forEach(function (line, i) { ctx.fillText(line, 40, 60 + 34 * (i + 1)); });
    ctx.textAlign = "right";
    ctx.fillText(meta.date || "", width - 40, 60);
    ctx.textAlign = "left";
    var top = f.head + mapHeight + 40, col = (width - 80) / f.perRow;
    (meta.legend || []).forEach(function (item, i) {
      var x = 40 + (i % f.perRow) * col, y = top + Math.floor(i / f.perRow) * 40;
      ctx.fillStyle = item.colour;
      ctx.beginPath();
      if (item.kind === "marker") { ctx.rect(x, y - 18, 22, 22); } else { ctx.arc(x + 11, y - 7, 11, 0, 2 * Math.PI); }
      ctx.fill();
      ctx.fillStyle = "#1f2933";
      ctx.fillText(item.text, x + 34, y);
    });
  }

  function download(href, filename) {
    var a = document.createElement("a");
    a.href = href; a.download = filename;
    document.body.appendChild(a); a.click(); a.remove();
  }

  /* Cytoscape's image is as large as the container's cached place on the page: refresh it. */
  function current(cy) {
    var r = cy.renderer();
    if (r && r.invalidateContainerClientCoordsCache) { r.invalidateContainerClientCoordsCache(); }
    cy.resize();
  }

  function composePng(cy, meta) {
    current(cy);
    var scale = Math.max(EXPORT_WIDTH / cy.width(), 1);
    var png = cy.png({output: "base64uri", full: false, scale: scale, bg: "#ffffff"});
    return new Promise(function (resolve) {
      var img = new Image();
      img.onload = function () {
        var width = img.width, f = frame(meta, width, img.height);
        var canvas = document.createElement("canvas");
        canvas.width = width; canvas.height = f.height;
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, width, f.height);
        ctx.drawImage(img, 0, f.head);
        ctx.strokeStyle = "#d0d5da"; ctx.strokeRect(0.5, f.head + 0.5, width - 1, img.height - 1);
        drawText(ctx, meta, f, width, img.height);
        resolve(canvas.toDataURL("image/png"));
      };
      img.src = png;
    });
  }

  function esc(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function composeSvg(cy, meta) {
    current(cy);
    var scale = Math.max(EXPORT_WIDTH / cy.width(), 1);
    var inner = cy.svg({full: false, scale: scale, bg: "#ffffff"}).replace(/<\?xml[^>]*>/, "");
    var width = Math.round(cy.width() * scale), mapHeight = Math.round(cy.height() * scale);
    var f = frame(meta, width, mapHeight), parts = [];
    parts.push('<svg xmlns="http://www.w3.org/2000/svg" width="' + width + '" height="' + f.height + '">');
    parts.push('<rect width="100%" height="100%" fill="#ffffff"/>');
    parts.push('<text x="40" y="60" font-family="Helvetica, Arial, sans-serif" font-size="44" font-weight="bold">' + esc(meta.title || "") + "</text>");
    parts.push('<text x="' + (width - 40) + '" y="60" text-anchor="end" font-family="Helvetica, Arial, sans-serif" font-size="26">' + esc(meta.date || "") + "</text>");
    (meta.lines || []).forEach(function (line, i) {
      parts.push('<text x="40" y="' + (60 + 34 * (i + 1)) + '" font-family="Helvetica, Arial, sans-serif" font-size="26">' + esc(line) + "</text>");
    });
    parts.push('<g transform="translate(0,' + f.head + ')">' + inner.replace(/<svg/, '<svg x="0" y="0"') + "</g>");
    var top = f.head + mapHeight + 40, col = (width - 80) / f.perRow;
    (meta.legend || []).forEach(function (item, i) {
      var x = 40 + (i % f.perRow) * col, y = top + Math.floor(i / f.perRow) * 40;
      parts.push(item.kind === "marker"
        ? '<rect x="' + x + '" y="' + (y - 18) + '" width="22" height="22" fill="' + item.colour + '"/>'
        : '<circle cx="' + (x + 11) + '" cy="' + (y - 7) + '" r="11" fill="' + item.colour + '"/>');
      parts.push('<text x="' + (x + 34) + '" y="' + y + '" font-family="Helvetica, Arial, sans-serif" font-size="26">' + esc(item.text) + "</text>");
    });
    parts.push("</svg>");
    return parts.join("\n");
  }

  window.ketenkaart = {
    cy: cyOf,
    shape: function () { var s = shape(); window.ketenkaart.sentShape = s; return s; },
    sentShape: null,
    composePng: function (name, meta) { return composePng(cyOf(name), meta); },
    exportView: function (name, kind, meta) {
      var cy = cyOf(name), stamp = (meta.date || "").replace(/-/g, "");
      if (!cy) { return; }
      if (kind === "svg") {
        var blob = new Blob([composeSvg(cy, meta)], {type: "image/svg+xml"});
        download(URL.createObjectURL(blob), "ketenkaart-" + name + "-" + stamp + ".svg");
      } else {
        composePng(cy, meta).then(function (uri) { download(uri, "ketenkaart-" + name + "-" + stamp + ".png"); });
      }
    }
  };
})();
