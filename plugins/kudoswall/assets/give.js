/* The give page: reads what to fill in from its address (only ids the site
   publishes prefill; anything else is dropped), checks the entry with the
   same rules as `kudos check` (as far as a browser can know them), shows it
   as the note the wall will show (give-note.js), writes the YAML file, and
   then sends it to the intake, proposes it on the repository's host, or says
   whom to give it to. Copying the YAML is always there, and last. "From" is
   remembered on this device only (localStorage), never sent anywhere but the
   form's own destination. User text only ever reaches the page as text. */
(function () {
  "use strict";

  var CUSTOMER = "customer";
  var TEAM = "team:";
  var MAX_NAME_IDS = 3;
  var MAX_LINK = 8000; // longer new-file links are cut off by hosts and browsers
  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var NOTE_ID = /^k[0-9a-f]{10}$/;
  var DAY = /^\d{4}-\d{2}-\d{2}$/;
  var FROM_KEY = "kudos-give-from";
  var TOKEN_KEY = "kudos-intake-token";
  var CARD_TITLES = {
    birthday: "Happy birthday, {name}!", anniversary: "Happy work anniversary, {name}!", welcome: "Welcome, {name}!",
    farewell: "Farewell, {name}, and thank you", congrats: "Congratulations, {name}!",
    "get-well": "Get well soon, {name}", other: "Thank you, {name}"
  };

  function $(id) { return document.getElementById(id); }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function codePoints(text) { return Array.from(text).length; }

  function json(id) {
    var node = $(id);
    try { return node ? JSON.parse(node.textContent) : {}; } catch (error) { return {}; }
  }

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (error) { return null; }
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (error) { /* private mode: nothing remembered */ }
  }

  function todayIn(timeZone) {
    // kudos.js (loaded on every page, before this deferred script) knows the
    // site's day; UTC is only a fallback for a page without it.
    var shared = window.kudoswall && window.kudoswall.today;
    return (shared && shared(timeZone)) || new Date().toISOString().slice(0, 10);
  }

  function daysBefore(day, count) {
    var date = new Date(day + "T12:00:00Z");
    date.setUTCDate(date.getUTCDate() - count);
    return date.toISOString().slice(0, 10);
  }

  function realDay(text) {
    if (!DAY.test(text)) return false;
    var date = new Date(text + "T12:00:00Z");
    return !isNaN(date) && date.toISOString().slice(0, 10) === text;
  }

  /* YAML the build reads back to exactly these values. */
  function yamlString(text) {
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, function (c) {
      return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function yamlBlock(text) {
    // A literal block reads best; anything it cannot carry safely
    // (control characters, line separators) goes in a quoted string.
    if (text.indexOf("\n") < 0 || /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]/.test(text)) {
      return yamlString(text);
    }
    var indicator = /^[ \t]/.test(text) ? "|2-" : "|-";
    return indicator + "\n" + text.split("\n").map(function (line) {
      return line ? "  " + line : "";
    }).join("\n");
  }

  function slug(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function newKey() {
    // One key per finished file, reused by every retry: the inbox stores it once.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  /* The people on the wall are not in the page (it would grow with the
     company): they come in small JSON files, {"people": [[id, name, team,
     avatar, initials], ...]}. All are fetched at once; only well-formed rows
     are kept. */
  function loadPeople(files) {
    return Promise.all(files.map(function (file) {
      return fetch(file, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(file + " answered " + response.status);
          return response.json();
        });
    })).then(function (chunks) {
      var rows = [];
      chunks.forEach(function (chunk) {
        var people = chunk && Array.isArray(chunk.people) ? chunk.people : [];
        people.forEach(function (row) {
          if (Array.isArray(row) && typeof row[0] === "string" && ID.test(row[0]) && row[0] !== CUSTOMER) {
            rows.push([row[0], String(row[1] || row[0]), String(row[2] || ""),
              Number(row[3]) || 0, String(row[4] || "?")]);
          }
        });
      });
      return rows;
    });
  }

  /* Everything the page may prefill or offer, by id: people, teams, a customer. */
  function Directory(rows, teams, words) {
    var self = this;
    this.byId = {};
    this.list = [];
    rows.forEach(function (row) {
      var who = { id: row[0], slug: row[0], name: row[1], detail: row[2], avatar: row[3], initials: row[4], kind: "person" };
      self.byId[who.id] = who;
      self.list.push(who);
    });
    teams.forEach(function (row) {
      if (!Array.isArray(row) || typeof row[0] !== "string" || row[0].indexOf(TEAM) !== 0 || !ID.test(row[0].slice(TEAM.length))) return;
      var who = { id: row[0], slug: row[0].slice(TEAM.length), name: String(row[1]), detail: "Team", avatar: Number(row[2]) || 0,
        initials: String(row[3] || "?"), kind: "team" };
      self.byId[who.id] = who;
      self.list.push(who);
    });
    this.customer = { id: CUSTOMER, slug: CUSTOMER, name: words.customer || "a customer", detail: "", kind: "customer" };
    this.byId[CUSTOMER] = this.customer;
  }

  Directory.prototype.has = function (id) { return Object.prototype.hasOwnProperty.call(this.byId, id); };
  Directory.prototype.get = function (id) { return this.has(id) ? this.byId[id] : null; };
  Directory.prototype.name = function (id) { var who = this.get(id); return who ? who.name : id; };
  Directory.prototype.choices = function (customerLabel, people) {
    var list = people ? this.list.filter(function (w) { return w.kind === "person"; }) : this.list.slice();
    list.push({ id: CUSTOMER, slug: CUSTOMER, name: customerLabel, detail: "", kind: "customer" });
    return list;
  };

  function joinNames(names, and) {
    if (names.length < 2) return names.join("");
    return names.slice(0, -1).join(", ") + " " + and + " " + names[names.length - 1];
  }

  /* What the address asks for, keeping only what the site knows. */
  function wanted(directory, choices, cards, campaigns) {
    var query = new URLSearchParams(window.location.search);
    var to = [];
    query.getAll("to").forEach(function (id) {
      if (directory.has(id) && to.indexOf(id) < 0) to.push(id);
    });
    var campaign = query.get("campaign") || "";
    var known = campaigns.indexOf(campaign) >= 0;
    var slot = query.get("slot") || "";
    var card = query.get("card") || "";
    var occasion = query.get("occasion") || "";
    var also = query.get("also") || "";
    var forId = query.get("for") || "";
    var day = query.get("date") || "";
    // `principle=<id>` (repeatable), from a principle page's "Thank someone who showed this".
    var principles = [];
    query.getAll("principle").forEach(function (id) {
      if (ID.test(id) && document.getElementById("kudos-principle-" + id) && principles.indexOf(id) < 0) principles.push(id);
    });
    return {
      to: to,
      card: Object.prototype.hasOwnProperty.call(cards, card) ? card : "",
      campaign: known ? campaign : "",
      slot: known && (choices.slots || []).indexOf(slot) >= 0 ? slot : "",
      also: NOTE_ID.test(also) ? also : "",
      principles: principles,
      idea: query.get("idea") === "1",
      newcard: query.get("newcard") === "1",
      forId: directory.has(forId) ? forId : "",
      occasion: (choices.occasions || []).indexOf(occasion) >= 0 ? occasion : "",
      date: realDay(day) ? day : ""
    };
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .catch(function () { return null; });
  }

  /* A co-sign's note: its shard file lists [id, month, [recipients]]. */
  function findNote(template, id) {
    if (!id || !template) return Promise.resolve(null);
    return fetchJson(template.replace("SHARD", id.slice(1, 3))).then(function (body) {
      var rows = body && Array.isArray(body.notes) ? body.notes : [];
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        if (Array.isArray(row) && row[0] === id && typeof row[1] === "string" && Array.isArray(row[2])) {
          return { id: id, month: row[1], recipients: row[2].filter(function (r) { return typeof r === "string"; }) };
        }
      }
      return null;
    });
  }

  function loadTeams(url) {
    return (url ? fetchJson(url) : Promise.resolve(null)).then(function (body) {
      return body && Array.isArray(body.teams) ? body.teams : [];
    });
  }

  function loadCards(url) {
    return (url ? fetchJson(url) : Promise.resolve(null)).then(function (body) {
      var cards = {};
      var rows = body && Array.isArray(body.cards) ? body.cards : [];
      rows.forEach(function (row) {
        if (Array.isArray(row) && typeof row[0] === "string" && ID.test(row[0]) && typeof row[1] === "string") {
          cards[row[0]] = { id: row[0], title: row[1], to: typeof row[2] === "string" ? row[2] : "" };
        }
      });
      return cards;
    });
  }

  /* Under single sign-on the intake says who is signed in: id and name only. */
  function whoami(intakeUrl) {
    if (!intakeUrl) return Promise.resolve(null);
    var url;
    try { url = new URL("/api/whoami", intakeUrl).href; } catch (error) { return Promise.resolve(null); }
    return fetch(url, { credentials: "include", mode: "cors", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) { return body && typeof body.id === "string" ? body.id : null; })
      .catch(function () { return null; });
  }

  /* Sends one body to the intake: retries a busy inbox with the same key,
     asks for the access code once and remembers it on this device. */
  function Sender(intakeUrl, tokenInput, tokenField, say) {
    this.url = intakeUrl;
    this.tokenInput = tokenInput;
    this.tokenField = tokenField;
    this.say = say;
  }

  Sender.prototype.send = function (body, key, done, attempt) {
    var self = this;
    attempt = attempt || 0;
    var headers = { "Content-Type": "application/json", "Accept": "application/json", "Idempotency-Key": key };
    var token = stored(TOKEN_KEY);
    var typed = self.tokenInput ? self.tokenInput.value.trim() : "";
    if (typed) token = typed;
    if (token) headers.Authorization = "Bearer " + token;
    if (!attempt) self.say("Sending…");
    fetch(self.url, {
      method: "POST", headers: headers, body: JSON.stringify(body), credentials: "include", mode: "cors"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (payload) {
        var value = response.headers.get("Retry-After") || "";
        var seconds = /^\d+$/.test(value.trim()) ? parseInt(value, 10) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
        var wait = isFinite(seconds) && seconds > 0 ? Math.min(seconds, 300) : 30;
        return { status: response.status, payload: payload || {}, wait: wait };
      });
    }).then(function (answer) {
      if ((answer.status === 429 || answer.status === 503) && attempt < 5) {
        self.say("The inbox is busy just now. It is kept here and sent again by itself in " +
          answer.wait + (answer.wait === 1 ? " second" : " seconds") + "; keep this page open.");
        window.setTimeout(function () { self.send(body, key, done, attempt + 1); }, answer.wait * 1000);
        return;
      }
      if (answer.status === 201) {
        if (token) store(TOKEN_KEY, token);
        if (self.tokenField) self.tokenField.hidden = true;
        done(true, answer.payload);
        return;
      }
      if (answer.status === 401 && self.tokenField) {
        self.tokenField.hidden = false;
        self.tokenInput.focus();
        self.say(token ? "The inbox did not accept that access code. Check it and choose Send again."
          : "The inbox asks for your team's access code. Enter it, then choose Send again.");
      } else if (answer.status === 422 || answer.status === 403) {
        var reasons = (answer.payload.problems || []).map(function (p) { return p.text || p.message; });
        var why = reasons.join("; ") || answer.payload.error || "it is not valid";
        self.say("The inbox refused it: " + why + (answer.payload.hint ? " (" + answer.payload.hint + ")" : "") + ".");
      } else if (answer.status === 429 || answer.status === 503) {
        self.say("The inbox is still busy. Choose Send again in a few minutes, or download the file, so nothing is lost.");
      } else {
        self.say("The inbox could not take it (" + answer.status + "). Download the file instead, so nothing is lost.");
      }
      done(false, answer.payload);
    }, function () {
      self.say("The inbox cannot be reached. Download the file instead, so nothing is lost.");
      done(false, {});
    });
  };

  function download(name, text) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  window.kudoswall = window.kudoswall || {};
  window.kudoswall.give = {
    $: $, el: el, codePoints: codePoints, json: json, stored: stored, store: store, todayIn: todayIn,
    daysBefore: daysBefore, realDay: realDay, yamlString: yamlString, yamlBlock: yamlBlock, slug: slug,
    newKey: newKey, loadPeople: loadPeople, Directory: Directory, joinNames: joinNames, wanted: wanted,
    findNote: findNote, loadCards: loadCards, loadTeams: loadTeams, whoami: whoami, Sender: Sender, download: download,
    CUSTOMER: CUSTOMER, TEAM: TEAM, MAX_NAME_IDS: MAX_NAME_IDS, MAX_LINK: MAX_LINK, ID: ID,
    FROM_KEY: FROM_KEY, CARD_TITLES: CARD_TITLES
  };
})();
