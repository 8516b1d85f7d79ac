/* Wall mode for an office screen (/kudos/tv/): one entry at a time.

   Reads kudos/tv/entries.json (slides, the schedule's ids per day, the
   newest ids), shows the day's featured set and then the newest entries,
   each for its own time (at least N seconds, longer for a longer note: the
   file's "dwell"). A note taller than the screen is set smaller, down to
   the sizes a room can still read, then shortened on the screen, ending
   with the address of the whole note. Space or the Pause button pauses (WCAG 2.2.2), F or
   the Full screen button asks for full screen, arrow keys step. Every few
   minutes it asks kudos/tv/build.json for a new build stamp and takes the
   new slides; when the network is gone it keeps showing what it has.
   Without this script the page lists today's featured entries. */
(function () {
  "use strict";

  var root = document.querySelector("[data-kudos-tv]");
  var template = document.getElementById("kudos-tv-screen");
  if (!root || !template || root.hasAttribute("data-kudos-tv-started")) return;
  root.setAttribute("data-kudos-tv-started", "");

  var seconds = Math.max(1, parseInt(root.getAttribute("data-kudos-tv-seconds"), 10) || 12);
  var pollSeconds = Math.max(30, parseInt(root.getAttribute("data-kudos-tv-poll"), 10) || 300);
  var dataUrl = root.getAttribute("data-kudos-tv-data");
  var stampUrl = root.getAttribute("data-kudos-tv-stamp");
  var timeZone = root.getAttribute("data-kudos-timezone") || "UTC";

  var data = null;        // the last entries.json that arrived
  var playlist = [];      // ids, in order
  var day = null;         // the day the playlist is for
  var position = 0;
  var paused = false;
  var timer = null;
  var screen = null, stage, count, pauseButton, pauseLabel, fullButton, progress, counterText, emptyNote;
  var LARGEST = 1.45;  // a portrait screen's words grow up to this much (about 25 characters a line)
  var SMALLEST = 0.62;  // of the full type size: the name stays above 5 % of the screen, the message 2.5 %

  function today() {
    // The site's day, as the wall's script tells it (kudos.js loads on every page).
    var shared = window.kudoswall && window.kudoswall.today;
    return (shared && shared(timeZone)) || (data ? data.day : null);
  }

  function makePlaylist() {
    day = today();
    var featured = (data.schedule && data.schedule[day]) || [];
    var seen = {};
    var list = [];
    featured.concat(data.recent || []).forEach(function (id) {
      if (!seen[id] && data.slides[id]) {
        seen[id] = true;
        list.push(id);
      }
    });
    return list;
  }

  function fetchJson(url) {
    return fetch(url, { cache: "no-store", credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  function build() {
    var fragment = template.content.cloneNode(true);
    screen = fragment.querySelector(".kudos-tv-screen");
    stage = screen.querySelector(".kudos-tv-screen__stage");
    count = screen.querySelector(".kudos-tv-screen__count");
    progress = screen.querySelector(".kudos-tv-screen__progress span");
    pauseButton = screen.querySelector(".kudos-tv-screen__pause");
    pauseLabel = pauseButton.querySelector(".kudos-tv-screen__label");
    emptyNote = screen.querySelector(".kudos-tv-screen__empty");
    fullButton = screen.querySelector(".kudos-tv-screen__full");
    counterText = screen.querySelector(".kudos-tv-screen__counter").textContent;
    pauseButton.addEventListener("click", function () { setPaused(!paused); });
    var element = document.documentElement;
    if (element.requestFullscreen) {
      fullButton.addEventListener("click", toggleFullscreen);
    } else {
      fullButton.hidden = true;
    }
    document.body.appendChild(screen);
    document.documentElement.classList.add("kudos-tv-active");
  }

  function toggleFullscreen() {
    try {
      var request = document.fullscreenElement
        ? document.exitFullscreen()
        : document.documentElement.requestFullscreen();
      if (request && request.catch) request.catch(function () { /* refused: stay as we are */ });
    } catch (error) { /* not allowed here */ }
  }

  function show(index) {
    window.clearTimeout(timer);
    timer = null;
    if (!playlist.length) {
      // The invitation takes the note's place, above the buttons.
      emptyNote.hidden = false;
      stage.replaceChildren(emptyNote);
      count.textContent = "";
      return;
    }
    emptyNote.hidden = true;
    position = ((index % playlist.length) + playlist.length) % playlist.length;
    var id = playlist[position];
    var holder = document.createElement("template");
    holder.innerHTML = data.slides[id];
    // Nothing on the screen takes focus but its two buttons.
    holder.content.querySelectorAll("a[href]").forEach(function (link) {
      link.setAttribute("tabindex", "-1");
    });
    stage.replaceChildren(holder.content);
    stage.setAttribute("data-kudos-shown", id);
    fit(stage.firstElementChild);
    screen.style.setProperty("--kudos-tv-seconds", dwell(id) + "s");
    count.textContent = counterText.replace("{n}", position + 1).replace("{t}", playlist.length);
    // Restart the progress cue for this entry.
    var fresh = progress.cloneNode(false);
    progress.replaceWith(fresh);
    progress = fresh;
    schedule();
  }

  function dwell(id) {
    var own = data && data.dwell && data.dwell[id];
    return Math.max(seconds, own || seconds);
  }

  function overflows(slide) {
    return slide.scrollHeight > slide.clientHeight + 1;
  }

  function fit(slide) {
    if (!slide || !slide.classList.contains("kudos-tv-slide")) return;
    var scale = 1;
    slide.style.removeProperty("--kudos-tv-scale");
    grow(slide);
    while (overflows(slide) && scale > SMALLEST) {
      scale = Math.max(SMALLEST, scale - 0.06);
      slide.style.setProperty("--kudos-tv-scale", String(scale));
    }
    if (overflows(slide)) shorten(slide);
  }

  function grow(slide) {
    // A portrait screen is tall for its width: sizes follow the shorter side,
    // so a note would fill only its middle third. Its words grow, up to
    // LARGEST, while the note still fits.
    slide.style.removeProperty("--kudos-tv-grow");
    var stage = slide.parentElement;
    if (!stage || stage.clientHeight < stage.clientWidth * 1.2 || overflows(slide)) return;
    var size = 1;
    while (size < LARGEST) {
      var next = Math.min(LARGEST, size + 0.05);
      slide.style.setProperty("--kudos-tv-grow", String(next));
      if (overflows(slide)) break;
      size = next;
    }
    slide.style.setProperty("--kudos-tv-grow", String(size));
  }

  function shorten(slide) {
    // The message as plain words, cut at the longest length that fits, with
    // the address of the whole note under it.
    var message = slide.querySelector(".kudos-tv-slide__message");
    var more = slide.querySelector(".kudos-tv-slide__more");
    if (!message) return;
    var words = message.textContent.replace(/\s+/g, " ").trim();
    var paragraph = document.createElement("p");
    message.replaceChildren(paragraph);
    if (more) more.hidden = false;
    var low = 0, high = words.length;
    while (low < high) {
      var middle = Math.ceil((low + high) / 2);
      paragraph.textContent = cut(words, middle);
      if (overflows(slide)) high = middle - 1; else low = middle;
    }
    paragraph.textContent = cut(words, low);
    slide.classList.add("kudos-tv-slide--shortened");
  }

  function cut(words, length) {
    if (length >= words.length) return words;
    var end = words.lastIndexOf(" ", length);
    return words.slice(0, end > 0 ? end : length).replace(/[\s,;:.]+$/, "") + "\u2026";
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = paused ? null : window.setTimeout(advance, dwell(playlist[position]) * 1000);
  }

  function advance() {
    if (today() !== day) {
      // Midnight: the next day's featured set, from the schedule we already hold.
      playlist = makePlaylist();
      show(0);
      return;
    }
    show(position + 1);
  }

  function setPaused(value) {
    paused = value;
    // The button says what it will do: "Play" while paused, "Pause" while playing.
    pauseLabel.textContent = pauseButton.getAttribute(paused ? "data-play" : "data-pause");
    screen.classList.toggle("kudos-tv-screen--paused", paused);
    stage.setAttribute("aria-live", paused ? "off" : "polite");
    if (paused) {
      window.clearTimeout(timer);
      timer = null;
    } else {
      show(position);  // the current entry again, for a full turn
    }
  }

  function take(payload) {
    if (!payload || typeof payload.slides !== "object" || !payload.slides) return;
    var current = playlist[position];
    data = payload;
    if (!screen) build();
    playlist = makePlaylist();
    var at = playlist.indexOf(current);
    if (at < 0) {
      show(0);
    } else {
      position = at;  // keep the entry on screen; the new list goes on from it
      if (!paused && !timer) schedule();
      count.textContent = counterText.replace("{n}", position + 1).replace("{t}", playlist.length);
    }
  }

  function poll() {
    fetchJson(stampUrl)
      .then(function (latest) {
        if (data && latest && latest.stamp === data.stamp) return null;
        return fetchJson(dataUrl).then(take);
      })
      .catch(function () { /* offline or a server hiccup: keep showing what we have */ });
  }

  document.addEventListener("keydown", function (event) {
    if (!screen || event.altKey || event.ctrlKey || event.metaKey) return;
    var onButton = event.target && event.target.closest && event.target.closest("button");
    if ((event.key === " " || event.key === "Spacebar") && !onButton) {
      event.preventDefault();
      setPaused(!paused);
    } else if (event.key === "f" || event.key === "F") {
      toggleFullscreen();
    } else if (event.key === "ArrowRight") {
      show(position + 1);
    } else if (event.key === "ArrowLeft") {
      show(position - 1);
    }
  });

  window.addEventListener("resize", function () {
    // A screen turned or resized: the note is set again for its new shape.
    if (screen && playlist.length && !paused) show(position);
  });

  // Until the first notes arrive the page is held to the screen's height, so
  // a kiosk never shows (or scrolls) the long plain list; if they cannot be
  // fetched, the plain list is let go and scrolls as a page.
  var root = document.documentElement;
  root.classList.add("kudos-tv-loading");
  fetchJson(dataUrl).then(take).catch(function () { /* the plain list stays until a poll succeeds */ })
    .then(function () { root.classList.remove("kudos-tv-loading"); });
  window.setInterval(poll, pollSeconds * 1000);
})();
