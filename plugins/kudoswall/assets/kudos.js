/* Shows the featured kudos of the viewer's current day (in the site's time
   zone) from the schedule the build published, so the wall keeps rotating
   between builds. Without this script the build day's set stays. */
(function () {
  "use strict";

  function today(timeZone) {
    try {
      var parts = new Intl.DateTimeFormat("en-CA", {
        timeZone: timeZone, year: "numeric", month: "2-digit", day: "2-digit"
      }).formatToParts(new Date());
      var get = function (type) {
        return parts.filter(function (p) { return p.type === type; })[0].value;
      };
      return get("year") + "-" + get("month") + "-" + get("day");
    } catch (error) {
      return null;
    }
  }

  // Shared with the give page's script, which dates new kudos by the same day.
  window.kudoswall = window.kudoswall || {};
  window.kudoswall.today = today;

  function reroot(container, root) {
    // The schedule is rendered as if at the site root; absolute links
    // (http, mailto) and fragments stay as they are.
    container.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (!/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(href)) {
        link.setAttribute("href", root + href);
      }
    });
  }

  function refresh(section) {
    var day = today(section.getAttribute("data-kudos-timezone") || "UTC");
    if (!day || day === section.getAttribute("data-kudos-day")) return;
    var url = section.getAttribute("data-kudos-schedule") + day + ".json";
    fetch(url, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (payload) {
        if (!payload || payload.day !== day) return;
        var items = section.querySelector(".kudos-featured__items");
        var template = document.createElement("template");
        template.innerHTML = payload.html;
        reroot(template.content, section.getAttribute("data-kudos-root") || "");
        items.replaceChildren(template.content);
        items.querySelectorAll(".kudos-grid").forEach(function (board) {
          pack(board);
          if (boards) boards.observe(board);
        });
        items.classList.add("kudos-fresh");
        section.setAttribute("data-kudos-day", day);
        showOnce();
      })
      .catch(function () { /* offline or past the schedule: keep the build day's set */ });
  }

  // Each note once per page: a note in today's set (or quoted under what
  // customers say) is hidden further down. The build did this for its own
  // day; a new day's set changes which notes those are.
  function showOnce() {
    var seen = {};
    document.querySelectorAll("[data-kudos-once] [data-kudos-id]").forEach(function (note) {
      var id = note.getAttribute("data-kudos-id");
      note.hidden = seen[id] === true;
      seen[id] = true;
    });
  }

  function followPermalink() {
    // A busy month spans pages, but an entry's permanent link is always
    // /kudos/YYYY/MM/#id. The month's first page lists each later entry
    // under its id, with a link to the page that holds it: follow it.
    var id = decodeURIComponent(location.hash.slice(1));
    var here = /^k[0-9a-f]{10}$/.test(id) && document.getElementById(id);
    if (here && here.closest(".kudos-month-index")) {
      var forward = here.querySelector("a[href]");
      if (forward) location.replace(forward.href);
    }
  }

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function filterPeople(box) {
    // The people index lists everyone without this; with it, a box narrows
    // the list to names, titles and teams that contain what is typed.
    var input = box.querySelector("input");
    var status = box.querySelector("[aria-live]");
    if (!input || box.getAttribute("data-kudos-ready")) return;
    box.setAttribute("data-kudos-ready", "true");
    box.hidden = false;
    var teams = Array.prototype.slice.call(document.querySelectorAll("[data-kudos-team]"));
    input.addEventListener("input", function () {
      var wanted = fold(input.value);
      var shown = 0;
      teams.forEach(function (team) {
        var teamName = fold(team.querySelector("h2").textContent);
        var any = false;
        team.querySelectorAll(".kudos-person-card").forEach(function (card) {
          // Their name and role, not the words of their latest thanks nor "Thank Ana".
          var words = card.querySelectorAll("[data-kudos-find]");
          var text = words.length ? Array.prototype.map.call(words, function (w) { return w.textContent; }).join(" ") : card.textContent;
          var match = !wanted || teamName.indexOf(wanted) >= 0 || fold(text).indexOf(wanted) >= 0;
          card.hidden = !match;
          if (match) { any = true; shown += 1; }
        });
        team.hidden = !any;
      });
      status.textContent = wanted && shown === 0 ? status.getAttribute("data-none") : "";
    });
  }

  // A board of notes packs like a real one: each note takes the rows its
  // height needs (rows of ROW px), so a short note leaves no hole under it.
  // Without this script the grid still stands, each note its own height.
  var ROW = 4;
  function pack(board) {
    var style = getComputedStyle(board);
    if (style.display !== "grid") return;
    var gap = parseFloat(board.getAttribute("data-kudos-gap") || style.rowGap) || 0;
    board.setAttribute("data-kudos-gap", gap);
    board.classList.add("kudos-packed");
    Array.prototype.forEach.call(board.children, function (item) {
      item.style.gridRowEnd = "span " + Math.max(1, Math.ceil((item.getBoundingClientRect().height + gap) / ROW));
    });
  }
  var boards = typeof ResizeObserver === "function" ? new ResizeObserver(function (seen) {
    seen.forEach(function (entry) { pack(entry.target); });
  }) : null;

  function start() {
    document.querySelectorAll(".kudos-list, .kudos-grid, .kudos-sticky-wall, .kudos-ideas, .kudos-changes").forEach(function (board) {
      pack(board);
      if (boards) boards.observe(board);
    });
    document.querySelectorAll("[data-featured][data-kudos-schedule]").forEach(refresh);
    document.querySelectorAll("[data-kudos-filter]").forEach(filterPeople);
    followPermalink();
  }

  window.addEventListener("hashchange", followPermalink);

  // A wall left open on an office screen turns over at midnight by itself;
  // checking once a minute costs nothing when the day has not changed.
  window.setInterval(function () {
    document.querySelectorAll("[data-featured][data-kudos-schedule]").forEach(refresh);
  }, 60000);

  // Material's instant navigation swaps pages without a load event.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
