/* The give page: checks an entry in the browser with the same rules as
   `kudos check` (as far as a browser can know them), previews it, writes
   the YAML file, and offers copy, download, a prefilled new-file link on the
   repository's host, or sending it to the intake service. User text only
   ever reaches the page through textContent, never as markup. */
(function () {
  "use strict";

  var CUSTOMER = "customer";
  var MAX_NAME_IDS = 3;
  var MAX_LINK = 8000; // longer new-file links are cut off by hosts and browsers

  function $(id) { return document.getElementById(id); }

  function codePoints(text) { return Array.from(text).length; }

  function todayIn(timeZone) {
    // kudos.js (loaded on every page, before this deferred script) knows the
    // site's day; UTC is only a fallback for a page without it.
    var shared = window.kudoswall && window.kudoswall.today;
    return (shared && shared(timeZone)) || new Date().toISOString().slice(0, 10);
  }

  /* Markdown preview: the subset the site renders (paragraphs, lists,
     quotes, emphasis, code, http(s)/mailto links, hard breaks), built as
     DOM nodes so nothing a visitor types can become markup. */
  var INLINE = [
    { re: /^`([^`]+)`/, make: function (m) { return el("code", m[1]); } },
    { re: /^\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/, make: function (m) { return link(m[2], m[1], true); } },
    { re: /^<((?:https?:\/\/|mailto:)[^>\s]+)>/i, make: function (m) { return link(m[1], m[1], false); } },
    { re: /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/, make: function (m) { return wrap("strong", m[2]); } },
    { re: /^(\*|_)(?=\S)([\s\S]*?\S)\1/, make: function (m) { return wrap("em", m[2]); } },
    { re: /^\\\n/, make: function () { return document.createElement("br"); } },
    { re: /^ {2,}\n/, make: function () { return document.createElement("br"); } },
    { re: /^\\([\\`*_{}\[\]()#+\-.!<>])/, make: function (m) { return document.createTextNode(m[1]); } }
  ];

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function wrap(tag, inner) {
    var node = document.createElement(tag);
    inline(node, inner);
    return node;
  }

  function link(href, text, parseText) {
    if (!/^(https?:\/\/|mailto:)/i.test(href)) {
      return document.createTextNode(text);
    }
    var a = document.createElement("a");
    a.href = href;
    a.rel = "nofollow noopener ugc";
    if (parseText) inline(a, text); else a.textContent = text;
    return a;
  }

  function inline(parent, text) {
    var plain = "";
    var flush = function () {
      if (plain) parent.appendChild(document.createTextNode(plain.replace(/\n/g, " ")));
      plain = "";
    };
    var i = 0;
    while (i < text.length) {
      var rest = text.slice(i);
      var matched = false;
      for (var k = 0; k < INLINE.length; k++) {
        var m = INLINE[k].re.exec(rest);
        if (m) {
          flush();
          parent.appendChild(INLINE[k].make(m));
          i += m[0].length;
          matched = true;
          break;
        }
      }
      if (!matched) { plain += text[i]; i += 1; }
    }
    flush();
  }

  function renderMarkdown(source) {
    var fragment = document.createDocumentFragment();
    var blocks = source.replace(/\r\n?/g, "\n").split(/\n[ \t]*\n/);
    blocks.forEach(function (block) {
      if (!block.trim()) return;
      var lines = block.split("\n");
      var bullet = /^\s{0,3}[-*+]\s+/;
      var number = /^\s{0,3}\d+[.)]\s+/;
      if (lines.every(function (l) { return /^\s{0,3}>/.test(l); })) {
        var quote = el("blockquote");
        quote.appendChild(renderMarkdown(lines.map(function (l) { return l.replace(/^\s{0,3}>\s?/, ""); }).join("\n")));
        fragment.appendChild(quote);
      } else if (bullet.test(lines[0]) || number.test(lines[0])) {
        var ordered = number.test(lines[0]);
        var marker = ordered ? number : bullet;
        var list = el(ordered ? "ol" : "ul");
        var item = null;
        lines.forEach(function (line) {
          if (marker.test(line)) {
            item = el("li");
            item.dataset.text = line.replace(marker, "");
            list.appendChild(item);
          } else if (item) {
            item.dataset.text += "\n" + line.trim();
          }
        });
        Array.prototype.forEach.call(list.children, function (li) {
          inline(li, li.dataset.text);
          delete li.dataset.text;
        });
        fragment.appendChild(list);
      } else {
        var p = el("p");
        inline(p, block.replace(/^\s+/, ""));
        fragment.appendChild(p);
      }
    });
    return fragment;
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

  function fileStem(entry) {
    // Same names as `kudos new`; an anonymous giver stays out of the name.
    var parts = [entry.date];
    if (!entry.anonymous && entry.from) parts.push(slug(entry.from));
    if (entry.card) {
      parts.push("signs", slug(entry.card));
    } else {
      parts.push("to");
      entry.to.slice(0, MAX_NAME_IDS).forEach(function (id) { parts.push(slug(id)); });
      if (entry.to.length > MAX_NAME_IDS) parts.push("and-" + (entry.to.length - MAX_NAME_IDS) + "-more");
    }
    return parts.filter(Boolean).join("-").slice(0, 150).replace(/-+$/, "");
  }

  function toYaml(entry) {
    var lines = ["date: " + entry.date, "from: " + entry.from, "to: [" + entry.to.join(", ") + "]"];
    if (entry.principles.length) lines.push("principles: [" + entry.principles.join(", ") + "]");
    if (entry.title) lines.push("title: " + yamlString(entry.title));
    lines.push("message: " + yamlBlock(entry.message));
    if (entry.anonymous) lines.push("anonymous: true");
    if (entry.card) lines.push("card: " + entry.card);
    return lines.join("\n") + "\n";
  }

  /* The people on the wall are not in the page (it would grow with the
     company): they come in small JSON files, {"people": [[id, name, team],
     ...]}, by team and then by name. All are fetched at once; the rows come
     back in the files' order, keeping only well-formed ones. */
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
          if (Array.isArray(row) && typeof row[0] === "string" && row[0] && row[0] !== CUSTOMER) {
            rows.push([row[0], String(row[1] || row[0]), String(row[2] || "Other")]);
          }
        });
      });
      return rows;
    });
  }

  /* One group per team, before the customers; names only ever as text. */
  function addPeople(select, rows) {
    var groups = document.createDocumentFragment();
    var group = null;
    rows.forEach(function (row) {
      if (!group || group.label !== row[2]) {
        group = document.createElement("optgroup");
        group.label = row[2];
        groups.appendChild(group);
      }
      group.appendChild(new Option(row[1], row[0]));
    });
    select.insertBefore(groups, select.querySelector("optgroup[data-kudos-customers]"));
  }

  function start(form) {
    var data = form.dataset;
    var titleMax = parseInt(data.titleMax, 10) || 120;
    var messageMax = parseInt(data.messageMax, 10) || 2000;
    var fields = {
      from: $("kudos-from"), pick: $("kudos-to-pick"), title: $("kudos-title"),
      message: $("kudos-message"), date: $("kudos-date"), anonymous: $("kudos-anonymous")
    };
    var chosen = [];
    var names = {};
    Array.prototype.forEach.call(fields.from.options, function (option) {
      if (option.value) names[option.value] = option.value === CUSTOMER ? "a customer" : option.textContent;
    });
    var status = $("kudos-give-status");
    var countStatus = $("kudos-give-count-status");
    var result = $("kudos-give-result");
    var summary = $("kudos-give-errors");
    var today = todayIn(data.timezone || "UTC");
    var token = null;
    try { token = window.sessionStorage.getItem("kudos-intake-token"); } catch (error) { token = null; }

    // The form shows once both lists are complete; if the people cannot be
    // read, it still shows, with the customers, and says what is missing.
    var loading = $("kudos-give-loading");
    var files = (data.people || "").split(/\s+/).filter(Boolean);
    function tell(text) { if (loading) loading.textContent = text; }
    if (files.length) {
      tell("Loading people…");
      loadPeople(files).then(function (rows) {
        if ($("kudos-idea")) startIdeas($("kudos-idea"), rows, data.intakeUrl);
        addPeople(fields.from, rows);
        addPeople(fields.pick, rows);
        rows.forEach(function (row) { names[row[0]] = row[1]; });
        tell("");
        form.hidden = false;
        addCardRecipient();  // a card chosen before the people arrived
      }).catch(function () {
        tell("The list of people could not be loaded, so only a customer can be chosen for now. Reload the page to try again.");
        form.hidden = false;
      });
    } else {
      form.hidden = false;
    }
    fields.date.value = today;
    fields.date.max = today;

    // Group cards that can still be signed, from a small JSON file next to
    // the page; `?card=<id>` (the card page's "Sign this card") preselects one.
    var cardSelect = $("kudos-card");
    var cardFor = {};
    if (cardSelect && data.cards) {
      fetch(data.cards, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { cards: [] }; })
        .then(function (body) {
          var rows = (body && Array.isArray(body.cards)) ? body.cards : [];
          rows.forEach(function (row) {
            if (!Array.isArray(row) || typeof row[0] !== "string" || typeof row[1] !== "string") return;
            var option = el("option", row[1]);
            option.value = row[0];
            cardFor[row[0]] = typeof row[2] === "string" ? row[2] : "";
            cardSelect.appendChild(option);
          });
          if (rows.length) $("kudos-card-field").hidden = false;
          var wanted = new URLSearchParams(window.location.search).get("card");
          if (wanted && cardFor.hasOwnProperty(wanted)) {
            cardSelect.value = wanted;
            cardSelect.dispatchEvent(new Event("change"));
          }
        })
        .catch(function () { /* no cards: the form works without them */ });
      cardSelect.addEventListener("change", addCardRecipient);
    }

    function addCardRecipient() {
      // Signing a card thanks whom it is for: add them when nobody is chosen
      // yet. Called again once the people have loaded: the cards' file may
      // arrive first, and a name not yet known cannot be added.
      var to = cardSelect ? cardFor[cardSelect.value] : "";
      if (to && !chosen.length && names[to]) {
        chosen.push(to);
        renderChosen();
      }
    }

    function say(text) {
      // Re-setting the same text would not be announced again.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function message() {
      return fields.message.value.replace(/\r\n?/g, "\n").replace(/^(?:[ \t]*\n)+/, "").replace(/\s+$/, "");
    }

    function principles() {
      return Array.prototype.filter.call(form.querySelectorAll("input[name=principles]"), function (box) {
        return box.checked;
      }).map(function (box) { return box.value; });
    }

    function entry() {
      return {
        date: fields.date.value,
        from: fields.from.value,
        to: chosen.slice(),
        principles: principles(),
        title: fields.title.value.trim(),
        message: message(),
        anonymous: fields.anonymous.checked && fields.from.value !== CUSTOMER,
        card: cardSelect && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(cardSelect.value) ? cardSelect.value : ""
      };
    }

    function renderChosen() {
      var list = $("kudos-to-list");
      list.replaceChildren();
      chosen.forEach(function (id) {
        var item = el("li");
        item.appendChild(el("span", names[id] || id));
        var remove = el("button");
        remove.type = "button";
        remove.className = "kudos-give__remove";
        remove.textContent = "Remove";
        remove.appendChild(el("span", " " + (names[id] || id)));
        remove.lastChild.className = "kudos-give__visually-hidden";
        remove.addEventListener("click", function () {
          chosen = chosen.filter(function (other) { return other !== id; });
          renderChosen();
          fields.pick.focus();
          say((names[id] || id) + " removed. " + countPeople());
          changed();
        });
        item.appendChild(remove);
        list.appendChild(item);
      });
    }

    function countPeople() {
      return chosen.length === 1 ? "1 person chosen." : chosen.length + " people chosen.";
    }

    $("kudos-to-add").addEventListener("click", function () {
      var id = fields.pick.value;
      if (!id) {
        say("Choose a person in the list first.");
        fields.pick.focus();
        return;
      }
      if (chosen.indexOf(id) < 0) chosen.push(id);
      fields.pick.value = "";
      renderChosen();
      say((names[id] || id) + " added. " + countPeople());
      changed();
    });

    function counter(input, output, limit) {
      var used = codePoints(input === fields.message ? message() : input.value.trim());
      var left = limit - used;
      output.textContent = left >= 0
        ? "You have " + left + " character" + (left === 1 ? "" : "s") + " left (" + used + " of " + limit + ")."
        : "You have " + (-left) + " character" + (left === -1 ? "" : "s") + " too many (" + used + " of " + limit + ").";
      output.classList.toggle("kudos-give__count--over", left < 0);
      return output.textContent;
    }

    var countTimer = null;
    function counted(input, output, limit) {
      var text = counter(input, output, limit);
      // Screen readers hear the count once typing pauses, not on every key.
      window.clearTimeout(countTimer);
      countTimer = window.setTimeout(function () { countStatus.textContent = text; }, 1000);
    }

    function preview() {
      var e = entry();
      var box = $("kudos-preview");
      box.replaceChildren();
      if (!e.message && !e.title && !e.to.length) {
        box.appendChild(el("p", "Your message will show here as it will look on the wall."));
        box.firstChild.className = "kudos-empty";
        return;
      }
      var article = el("article");
      article.className = "kudos-entry";
      var heading = el("h3", e.title || ("Thanks to " + (e.to.map(function (id) { return names[id] || id; }).join(" and ") || "…")));
      heading.className = "kudos-entry__title";
      article.appendChild(heading);
      var body = el("div");
      body.className = "kudos-entry__message";
      body.appendChild(renderMarkdown(e.message));
      article.appendChild(body);
      var giver = e.from === CUSTOMER ? "a customer" : (e.anonymous ? "a colleague" : (names[e.from] || "…"));
      var meta = el("p", "From " + giver + (e.date ? ", " + e.date : ""));
      meta.className = "kudos-entry__meta";
      article.appendChild(meta);
      box.appendChild(article);
    }

    function changed() {
      preview();
      if (!result.hidden) {
        result.hidden = true;
        say("The form changed; choose Check and continue again to update the file.");
      }
    }

    fields.title.addEventListener("input", function () { counted(fields.title, $("kudos-title-count"), titleMax); changed(); });
    fields.message.addEventListener("input", function () { counted(fields.message, $("kudos-message-count"), messageMax); changed(); });
    [fields.from, fields.date, fields.anonymous].forEach(function (input) {
      input.addEventListener("change", changed);
    });
    form.querySelectorAll("input[name=principles]").forEach(function (box) {
      box.addEventListener("change", changed);
    });
    counter(fields.title, $("kudos-title-count"), titleMax);
    counter(fields.message, $("kudos-message-count"), messageMax);

    function problems(e) {
      var found = [];
      if (!e.from) found.push(["from", fields.from, "Choose who the kudos is from."]);
      if (!e.to.length) {
        found.push(["to", fields.pick, fields.pick.value
          ? "Choose Add to add the person you picked."
          : "Add at least one person to thank."]);
      } else if (e.from && e.from !== CUSTOMER && e.to.indexOf(e.from) >= 0) {
        found.push(["to", fields.pick, "You cannot give kudos to yourself: remove " + (names[e.from] || e.from) + " or thank someone else."]);
      }
      var titleLength = codePoints(e.title);
      if (titleLength > titleMax) {
        found.push(["title", fields.title, "The title is " + titleLength + " characters long; shorten it to " + titleMax + " or fewer."]);
      }
      var messageLength = codePoints(e.message);
      if (!e.message) {
        found.push(["message", fields.message, "Write a message."]);
      } else if (messageLength > messageMax) {
        found.push(["message", fields.message, "The message is " + messageLength + " characters long; shorten it to " + messageMax + " or fewer."]);
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(e.date)) {
        found.push(["date", fields.date, "Enter the date as a real day."]);
      } else if (e.date > today) {
        found.push(["date", fields.date, "The date is in the future; use " + today + " or earlier."]);
      }
      return found;
    }

    function showProblems(found) {
      form.querySelectorAll("[data-field]").forEach(function (field) {
        var name = field.getAttribute("data-field");
        var error = $("kudos-" + name + "-error");
        var own = found.filter(function (p) { return p[0] === name; });
        var input = name === "to" ? fields.pick : fields[name];
        if (error) {
          error.hidden = !own.length;
          error.textContent = own.length ? "Error: " + own.map(function (p) { return p[2]; }).join(" ") : "";
        }
        field.classList.toggle("kudos-give__field--error", own.length > 0);
        if (input && input.setAttribute) {
          var described = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
            return id && id !== "kudos-" + name + "-error";
          });
          if (own.length) {
            input.setAttribute("aria-invalid", "true");
            described.unshift("kudos-" + name + "-error");
          } else {
            input.removeAttribute("aria-invalid");
          }
          input.setAttribute("aria-describedby", described.join(" "));
        }
      });
      var list = summary.querySelector("ul");
      list.replaceChildren();
      found.forEach(function (p) {
        var item = el("li");
        var a = el("a", p[2]);
        a.href = "#" + p[1].id;
        a.addEventListener("click", function (event) {
          event.preventDefault();
          p[1].focus();
        });
        item.appendChild(a);
        list.appendChild(item);
      });
      summary.hidden = !found.length;
    }

    function folder(e) {
      var dir = (data.dir || "kudos").replace(/^\/+|\/+$/g, "");
      return dir + "/" + e.date.slice(0, 4) + "/" + e.date.slice(5, 7);
    }

    function newFileLink(e, yaml, name) {
      var repo = (data.repoUrl || "").replace(/\/+$/, "");
      if (!repo || !data.host) return null;
      var path = folder(e).split("/").map(encodeURIComponent).join("/");
      var branch = encodeURIComponent(data.branch || "main");
      var url;
      if (data.host === "github") {
        url = repo + "/new/" + branch + "/" + path + "?filename=" + encodeURIComponent(name) + "&value=" + encodeURIComponent(yaml);
      } else if (data.host === "gitlab") {
        url = repo + "/-/new/" + branch + "/" + path + "?file_name=" + encodeURIComponent(name) + "&content=" + encodeURIComponent(yaml);
      }
      return url && url.length <= MAX_LINK ? url : null;
    }

    var current = null;

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var e = entry();
      var found = problems(e);
      showProblems(found);
      if (found.length) {
        result.hidden = true;
        summary.focus();
        return;
      }
      var yaml = toYaml(e);
      var name = fileStem(e) + ".yml";
      current = { entry: e, yaml: yaml, name: name, path: folder(e) + "/" + name };
      $("kudos-file-name").textContent = current.path;
      $("kudos-yaml").value = yaml;
      var propose = $("kudos-propose");
      var url = newFileLink(e, yaml, name);
      propose.hidden = !url;
      if (url) {
        propose.href = url;
        propose.textContent = "Propose it on " + (data.host === "gitlab" ? "GitLab" : "GitHub");
      } else {
        propose.removeAttribute("href");
      }
      $("kudos-send").hidden = !data.intakeUrl;
      result.hidden = false;
      $("kudos-result-heading").focus();
    });

    $("kudos-copy").addEventListener("click", function () {
      if (!current) return;
      var done = function () { say("The YAML is copied. Paste it into a new file named " + current.name + "."); };
      var fallback = function () {
        var box = $("kudos-yaml");
        box.focus();
        box.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
        if (ok) done(); else say("Copying is blocked here: the YAML is selected, press Control+C (or Command+C) to copy it.");
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(current.yaml).then(done, fallback);
      } else {
        fallback();
      }
    });

    $("kudos-download").addEventListener("click", function () {
      if (!current) return;
      var blob = new Blob([current.yaml], { type: "application/yaml" });
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = current.name;
      document.body.appendChild(a);
      a.click();
      window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      say("Downloading " + current.name + ". Put it in " + folder(current.entry) + "/ and commit it.");
    });

    var send = $("kudos-send");
    var MAX_RETRIES = 5;
    var MAX_WAIT = 300;

    function newKey() {
      // One key per finished entry, reused by every retry: the inbox stores it once.
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    }

    function waitSeconds(response) {
      var value = response.headers.get("Retry-After") || "";
      var seconds = /^\d+$/.test(value.trim()) ? parseInt(value, 10) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
      return isFinite(seconds) && seconds > 0 ? Math.min(seconds, MAX_WAIT) : 30;
    }

    function deliver(attempt) {
      var e = current.entry;
      var body = { date: e.date, from: e.from, to: e.to, message: e.message };
      if (e.principles.length) body.principles = e.principles;
      if (e.title) body.title = e.title;
      if (e.anonymous) body.anonymous = true;
      if (!current.key) current.key = newKey();
      var headers = { "Content-Type": "application/json", "Accept": "application/json", "Idempotency-Key": current.key };
      var typed = $("kudos-token").value.trim();
      if (typed) token = typed;
      if (token) headers.Authorization = "Bearer " + token;
      send.disabled = true;
      if (!attempt) say("Sending…");
      fetch(data.intakeUrl, {
        method: "POST", headers: headers, body: JSON.stringify(body), credentials: "include", mode: "cors"
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (payload) {
          return { status: response.status, payload: payload, wait: waitSeconds(response) };
        });
      }).then(function (answer) {
        if ((answer.status === 429 || answer.status === 503) && attempt < MAX_RETRIES) {
          say("The inbox is busy just now. Your kudos is kept here and is sent again by itself in " +
            answer.wait + (answer.wait === 1 ? " second" : " seconds") + "; keep this page open.");
          window.setTimeout(function () { deliver(attempt + 1); }, answer.wait * 1000);
          return;
        }
        send.disabled = false;
        if (answer.status === 201) {
          try { if (token) window.sessionStorage.setItem("kudos-intake-token", token); } catch (error) { /* private mode */ }
          $("kudos-token-field").hidden = true;
          send.hidden = true;
          say("Thank you! Your kudos is in the inbox (reference " + (answer.payload.id || "?") + ") and appears on the wall once a moderator approves it.");
        } else if (answer.status === 401) {
          $("kudos-token-field").hidden = false;
          $("kudos-token").focus();
          say(token ? "The inbox did not accept that access code. Check it and choose Send it again." : "The inbox asks for your team's access code. Enter it, then choose Send it again.");
        } else if (answer.status === 422) {
          var reasons = (answer.payload.problems || []).map(function (p) { return p.text || p.message; });
          say("The inbox refused the entry: " + (reasons.join("; ") || answer.payload.error || "it is not valid") + ".");
        } else if (answer.status === 403 && answer.payload.error) {
          say("The inbox refused the entry: " + answer.payload.error + (answer.payload.hint ? " (" + answer.payload.hint + ")" : "") + ".");
        } else if (answer.status === 429 || answer.status === 503) {
          say("The inbox is still busy. Choose Send it again in a few minutes, or copy or download the YAML, so nothing is lost.");
        } else {
          say("The inbox could not take it (" + answer.status + "). Copy or download the YAML instead, so nothing is lost.");
        }
      }, function () {
        send.disabled = false;
        say("The inbox cannot be reached. Copy or download the YAML instead, so nothing is lost.");
      });
    }

    send.addEventListener("click", function () {
      if (!current || send.disabled) return;
      deliver(0);
    });

    preview();
  }

  /* The little-things idea form: the same people, a file for kudos/ideas/,
     or sent to the intake service (same endpoint as entries, told apart by
     the `idea` field) when the site has one. */
  function startIdeas(section, rows, intakeUrl) {
    var text = $("kudos-idea-text"), by = $("kudos-idea-by"), tags = $("kudos-idea-tags");
    var status = $("kudos-idea-status"), yaml = $("kudos-idea-yaml"), download = $("kudos-idea-download");
    var dir = (section.dataset.dir || "kudos") + "/ideas";
    var current = null;
    addPeople(by, rows);
    section.hidden = false;
    if (new URLSearchParams(window.location.search).get("idea")) $("kudos-idea-heading").focus();
    function problem(field, message) {
      var error = $(field.id + "-error");
      error.textContent = message;
      error.hidden = !message;
      if (message) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid");
      return message ? [field] : [];
    }
    $("kudos-idea-make").addEventListener("click", function () {
      var idea = text.value.replace(/\s+/g, " ").trim();
      var words = tags.value.split(",").map(function (t) { return slug(t); }).filter(Boolean);
      var wrong = problem(text, idea ? "" : "Write the idea.").concat(problem(by, by.value ? "" : "Choose who suggests it."));
      if (wrong.length) {
        wrong[0].focus();
        status.textContent = "Please fix the marked fields first.";
        return;
      }
      var lines = ["idea: " + yamlString(idea), "by: " + by.value];
      if (words.length) lines.push("tags: [" + words.filter(function (w, i) { return words.indexOf(w) === i; }).join(", ") + "]");
      var name = (slug(idea).split("-").slice(0, 6).join("-") || "idea") + ".yml";
      var body = { idea: idea, by: by.value };
      if (words.length) body.tags = words.filter(function (w, i) { return words.indexOf(w) === i; });
      current = { yaml: lines.join("\n") + "\n", name: name, body: body };
      yaml.value = current.yaml;
      download.hidden = false;
      send.hidden = !intakeUrl;
      send.disabled = false;
      status.textContent = intakeUrl
        ? "Ready: choose Send it, or save it as " + dir + "/" + name + " and commit it."
        : "Ready: save it as " + dir + "/" + name + " and commit it, or download it.";
    });
    var send = $("kudos-idea-send");
    function ideaKey() {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    }
    send.addEventListener("click", function () {
      if (!current || !intakeUrl || send.disabled) return;
      var token = null;
      try { token = window.sessionStorage.getItem("kudos-intake-token"); } catch (error) { token = null; }
      var typed = $("kudos-idea-token").value.trim();
      if (typed) token = typed;
      if (!current.key) current.key = ideaKey(); // one key per idea: a retry is stored once
      var headers = { "Content-Type": "application/json", "Accept": "application/json", "Idempotency-Key": current.key };
      if (token) headers.Authorization = "Bearer " + token;
      send.disabled = true;
      status.textContent = "Sending…";
      fetch(intakeUrl, {
        method: "POST", headers: headers, body: JSON.stringify(current.body), credentials: "include", mode: "cors"
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (payload) {
          return { status: response.status, payload: payload };
        });
      }).then(function (answer) {
        send.disabled = false;
        if (answer.status === 201) {
          try { if (token) window.sessionStorage.setItem("kudos-intake-token", token); } catch (error) { /* private mode */ }
          $("kudos-idea-token-field").hidden = true;
          send.hidden = true;
          status.textContent = "Thank you! Your idea is in the inbox (reference " + (answer.payload.id || "?") +
            ") and joins the little-things list once a moderator approves it.";
        } else if (answer.status === 401) {
          $("kudos-idea-token-field").hidden = false;
          $("kudos-idea-token").focus();
          status.textContent = token ? "The inbox did not accept that access code. Check it and choose Send it again."
            : "The inbox asks for your team's access code. Enter it, then choose Send it again.";
        } else if (answer.status === 422 || answer.status === 403) {
          var reasons = (answer.payload.problems || []).map(function (p) { return p.text || p.message; });
          var why = reasons.join("; ") || answer.payload.error || "it is not valid";
          status.textContent = "The inbox refused the idea: " + why + (answer.payload.hint ? " (" + answer.payload.hint + ")" : "") + ".";
        } else if (answer.status === 429 || answer.status === 503) {
          status.textContent = "The inbox is busy. Choose Send it again in a few minutes, or download the file, so nothing is lost.";
        } else {
          status.textContent = "The inbox could not take it (" + answer.status + "). Download the file instead, so nothing is lost.";
        }
      }, function () {
        send.disabled = false;
        status.textContent = "The inbox cannot be reached. Download the file instead, so nothing is lost.";
      });
    });
    download.addEventListener("click", function () {
      if (!current) return;
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([current.yaml], { type: "application/yaml" }));
      a.download = current.name;
      document.body.appendChild(a);
      a.click();
      window.setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    });
  }

  function init() {
    var form = document.querySelector("form[data-kudos-give]");
    if (form && !form.dataset.kudosStarted) {
      form.dataset.kudosStarted = "1";
      start(form);
    }
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
