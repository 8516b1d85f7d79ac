/* The give page's forms: a note (or a "me too" co-sign), a new card, a
   little-things idea. Helpers are in give.js, the picker in give-picker.js,
   the note's look in give-note.js. */
(function () {
  "use strict";

  var K = window.kudoswall;
  var G = K.give;
  var $ = G.$, el = G.el, CUSTOMER = G.CUSTOMER;

  function start(form) {
    var data = form.dataset;
    var choices = G.json("kudos-give-choices");
    var words = G.json("kudos-give-words");
    var titleMax = parseInt(data.titleMax, 10) || 120;
    var messageMax = parseInt(data.messageMax, 10) || 2000;
    var alsoMax = parseInt(data.alsoMax, 10) || 500;
    var today = G.todayIn(data.timezone || "UTC");
    var loading = $("kudos-give-loading");
    var files = (data.people || "").split(/\s+/).filter(Boolean);
    function tell(text) { if (loading) loading.textContent = text; }
    var campaigns = $("kudos-campaign") ? Array.prototype.map.call($("kudos-campaign").options, function (o) { return o.value; }).filter(Boolean) : [];
    // What the address asks for that no list is needed to check: which
    // form, a campaign and its slot, a co-sign's note id.
    var early = G.wanted(new G.Directory([], [], words), choices, {}, campaigns);
    var noteForm = !early.newcard && !(early.idea && $("kudos-idea"));
    if (!noteForm) tell("Loading people…");
    var people = files.length ? G.loadPeople(files) : Promise.resolve([]);
    var lists = Promise.all([
      people.catch(function () {
        tell("The list of people could not be loaded, so only a customer can be chosen for now. Reload the page to try again.");
        return null;
      }),
      G.loadCards(data.cards),
      G.loadTeams(data.teams)
    ]);
    if (noteForm) {
      // The note's form is usable at once: the names fill its pickers when
      // they arrive, and only what the address asked for waits for them.
      form.hidden = false;
      $("kudos-give-other").hidden = false;
      var note = G.findNote(data.notes, early.also);
      startNote(form, lists.then(function (got) {
        var directory = new G.Directory(got[0] || [], got[2], words);
        return note.then(function (found) {
          return { directory: directory, asked: G.wanted(directory, choices, got[1], campaigns), note: found, cards: got[1] };
        });
      }));
      return;
    }
    lists.then(function (got) {
      var rows = got[0];
      if (rows) tell("");
      var directory = new G.Directory(rows || [], got[2], words);
      var asked = G.wanted(directory, choices, got[1], campaigns);
      if (asked.newcard) {
        startCard(directory, asked, data, today);
        return;
      }
      // A little-things idea (`?idea=1`): that form alone.
      startIdeas($("kudos-idea"), rows || [], data.intakeUrl);
    });

    function startNote(form, arrival) {
      var fields = {
        to: $("kudos-to"), from: $("kudos-from"), title: $("kudos-title"), message: $("kudos-message"),
        date: $("kudos-date"), anonymous: $("kudos-anonymous"), card: $("kudos-card"), campaign: $("kudos-campaign")
      };
      var template = $("kudos-note-template");
      var sample = { person: data.samplePerson, team: data.sampleTeam };
      var status = $("kudos-give-status");
      var result = $("kudos-give-result");
      var summary = $("kudos-give-errors");
      var directory = new G.Directory([], [], words);
      var loaded = false;
      var chosen = [];
      var from = "";
      var cosign = !!early.also;  // a "me too" link: the co-sign's form from the start
      var also = null;  // the note it joins, once found
      var current = null;

      function say(text) {
        status.textContent = "";
        window.setTimeout(function () { status.textContent = text; }, 50);
      }

      // Who was added or removed is for a screen reader: the chosen names
      // show it on screen, so no box lingers under the button.
      var quiet = $("kudos-give-count-status");
      function announce(text) {
        quiet.textContent = "";
        window.setTimeout(function () { quiet.textContent = text; }, 50);
      }

      // Typed before the names arrived: said quietly under that field, and
      // gone once they are there.
      function waiting(note) {
        return function (count, text) { note.textContent = !loaded && text ? note.getAttribute("data-text") : ""; };
      }

      var toPicker = new K.Picker(fields.to, $("kudos-to-options"), {
        exclude: function (id) { return chosen.indexOf(id) >= 0; },
        onPick: function (who) {
          chosen.push(who.id);
          fields.to.value = "";
          drawChosen();
          announce(who.name + " added. " + (chosen.length === 1 ? "1 chosen." : chosen.length + " chosen."));
          changed();
        },
        onEnter: function () { fields.message.focus(); },
        onResults: waiting($("kudos-to-pending"))
      });
      var fromPicker = new K.Picker(fields.from, $("kudos-from-options"), {
        onPick: function (who) { setFrom(who.id); changed(); },
        onEnter: function () { fields.from.blur(); },
        onResults: waiting($("kudos-from-pending"))
      });
      function offer() {
        toPicker.setChoices(directory.choices("A customer (a thank-you note to a customer)"));
        fromPicker.setChoices(directory.choices("A customer (praise you pass on)", true));
      }
      offer();

      function setFrom(id) {
        from = directory.has(id) && directory.get(id).kind !== "team" ? id : "";
        fields.from.value = from ? (from === CUSTOMER ? "A customer (praise you pass on)" : directory.name(from)) : "";
      }
      fields.from.addEventListener("input", function () { from = ""; changed(); });

      function drawChosen() {
        var list = $("kudos-to-list");
        list.replaceChildren();
        chosen.forEach(function (id) {
          var name = directory.name(id);
          var item = el("li");
          item.appendChild(el("span", name));
          var remove = el("button", "Remove");
          remove.type = "button";
          remove.className = "kudos-give__remove";
          var hidden = el("span", " " + name);
          hidden.className = "kudos-give__visually-hidden";
          remove.appendChild(hidden);
          remove.addEventListener("click", function () {
            chosen = chosen.filter(function (other) { return other !== id; });
            drawChosen();
            fields.to.focus();
            announce(name + " removed.");
            changed();
          });
          item.appendChild(remove);
          list.appendChild(item);
        });
      }

      // Cards that can still be signed come with the names; `?card=` may choose one.
      var cardFor = {};
      function cardChosen() {
        var to = cardFor[fields.card.value];
        if (to && !chosen.length && directory.has(to)) { chosen.push(to); drawChosen(); }
      }
      fields.card.addEventListener("change", function () { cardChosen(); changed(); });

      var slotField = $("kudos-slot-field");
      function campaignChosen() {
        var option = fields.campaign && fields.campaign.selectedOptions[0];
        if (slotField) slotField.hidden = !(option && option.value);
        if (option && option.value) {
          // A campaign's notes are dated inside it.
          var end = option.getAttribute("data-end");
          if (end < today && (!fields.date.value || fields.date.value > end)) fields.date.value = end;
        }
      }
      if (fields.campaign) {
        fields.campaign.addEventListener("change", function () { campaignChosen(); changed(); });
        if (early.campaign) {
          fields.campaign.value = early.campaign;
          $("kudos-more").open = true;
          if (early.slot) $("kudos-slot-" + early.slot).checked = true;
        }
      }
      form.querySelectorAll("input[name=slot]").forEach(function (radio) { radio.addEventListener("change", changed); });
      if (early.principles.length) {
        // `?principle=` (a principle page's "Thank someone who showed this") needs no list.
        early.principles.forEach(function (id) { $("kudos-principle-" + id).checked = true; });
        $("kudos-more").open = true;
      }

      fields.date.value = today;
      fields.date.max = today;
      campaignChosen();
      form.querySelectorAll("[data-days-ago]").forEach(function (button) {
        button.addEventListener("click", function () {
          fields.date.value = G.daysBefore(today, Number(button.getAttribute("data-days-ago")));
          changed();
        });
      });

      var mode = $("kudos-give-mode");
      var messageHint = $("kudos-message-hint");
      var noteHint = messageHint.textContent;
      function coSignForm(on) {
        // "Me too": the note's recipients are thanked; only a few words, if any.
        cosign = on;
        ["to", "card", "campaign", "slot", "title", "principles"].forEach(function (name) {
          var field = form.querySelector("[data-field=" + name + "]");
          if (field) field.hidden = on || (name === "card" && !Object.keys(cardFor).length) || (name === "slot" && !(fields.campaign && fields.campaign.value));
        });
        $("kudos-message-optional").hidden = !on;
        messageHint.textContent = on ? "A few words of your own, if you like (up to " + alsoMax + " characters)." : noteHint;
      }
      if (cosign) coSignForm(true);

      arrival.then(function (got) {
        directory = got.directory;
        loaded = true;
        offer();
        [toPicker, fromPicker].forEach(function (picker) {
          if (document.activeElement === picker.input && picker.input.value.trim()) picker.search();
        });
        ["kudos-to-pending", "kudos-from-pending"].forEach(function (id) { $(id).textContent = ""; });
        var asked = got.asked;
        // Whom the address names come first, then anyone picked meanwhile.
        chosen = asked.to.concat(chosen.filter(function (id) { return asked.to.indexOf(id) < 0; }));
        Object.keys(got.cards).forEach(function (id) {
          var option = el("option", got.cards[id].title);
          option.value = id;
          cardFor[id] = got.cards[id].to;
          fields.card.appendChild(option);
        });
        if (asked.card) { fields.card.value = asked.card; cardChosen(); $("kudos-more").open = true; }
        also = got.note;
        if (also) {
          chosen = also.recipients.filter(function (id) { return directory.has(id); });
          var names = chosen.map(function (id) { return directory.name(id); });
          mode.textContent = "Me too: you join in on the note thanking " + (G.joinNames(names, words.and || "and") || "them") +
            ". Your name (and your words, if you add any) will show inside that note.";
          mode.hidden = false;
        } else if (asked.also) {
          mode.textContent = "The note in the link is not on the wall (any more), so this is a new note instead.";
          mode.hidden = false;
        }
        coSignForm(!!also);
        drawChosen();
        if (!fields.from.value) {
          var remembered = G.stored(G.FROM_KEY);
          if (remembered && directory.has(remembered) && remembered !== CUSTOMER) {
            setFrom(remembered);
          } else {
            G.whoami(data.intakeUrl).then(function (id) {
              if (id && !from && !fields.from.value && directory.has(id) && directory.get(id).kind === "person") { setFrom(id); changed(); }
            });
          }
        }
        counted(fields.message, $("kudos-message-count"), limit());
        changed();
        // The next thing to do has the focus: the message when whom to thank is known.
        if ((chosen.length || also) && document.activeElement === fields.to && !fields.to.value) arrive(fields.message);
        form.setAttribute("data-ready", "");
      });

      function message() {
        return fields.message.value.replace(/\r\n?/g, "\n").replace(/^(?:[ \t]*\n)+/, "").replace(/\s+$/, "");
      }

      function principleIds() {
        return Array.prototype.filter.call(form.querySelectorAll("input[name=principles]"), function (box) {
          return box.checked && !also;
        }).map(function (box) { return box.value; });
      }

      function entry() {
        var campaign = also || !fields.campaign ? "" : fields.campaign.value;
        var slotInput = form.querySelector("input[name=slot]:checked");
        return {
          date: fields.date.value,
          from: from,
          to: chosen.slice(),
          principles: principleIds(),
          title: also ? "" : fields.title.value.trim(),
          message: message(),
          anonymous: fields.anonymous.checked && from !== CUSTOMER,
          card: also ? "" : fields.card.value,
          campaign: campaign,
          slot: campaign && slotInput ? slotInput.value : "",
          also: also ? also.id : ""
        };
      }

      function preview() {
        var e = entry();
        var box = $("kudos-preview");
        if (cosign) {
          box.replaceChildren(alsoPreview(e));
          return;
        }
        var giver = e.from && e.from !== CUSTOMER && !e.anonymous ? directory.get(e.from) : null;
        // Nothing written yet: a friendly stand-in note, not an empty one.
        var blank = !e.message && !e.title;
        var note = {
          to: e.to.length ? e.to.map(function (id) { return directory.get(id); }) : [{ id: "", name: words.someone || "…", kind: "none" }],
          placeholder: blank ? words.placeholder || "…" : "",
          title: e.title,
          message: e.message,
          messageText: e.message,
          fromCustomer: e.from === CUSTOMER,
          toCustomer: e.to.indexOf(CUSTOMER) >= 0,
          giver: giver,
          giverLabel: e.from === CUSTOMER ? words.customer : e.anonymous ? words.colleague : (e.from ? directory.name(e.from) : words.you || "…"),
          principles: e.principles.map(function (id) {
            var box = $("kudos-principle-" + id);
            return { id: id, title: box.nextElementSibling.textContent, href: box.getAttribute("data-href") };
          }),
          date: e.date,
          dateText: (choices.dates || {})[e.date] || e.date,
          words: words
        };
        var built = K.note.build(template, note, sample);
        // Its names link to their pages, as on the wall, but are no stops on
        // the way from whom to the message: a tap away would leave the note unsent.
        built.querySelectorAll("a[href]").forEach(function (a) { a.tabIndex = -1; });
        box.replaceChildren(built);
      }

      // The note is where you write: a tap on its name goes to whom you
      // thank, anywhere else on its paper to the message (its links still lead on).
      $("kudos-preview").addEventListener("click", function (event) {
        if (event.target.closest("a[href]")) return;
        var onName = event.target.closest(".kudos-entry__head");
        var field = onName && !fields.to.closest("[hidden]") ? fields.to : fields.message;
        field.focus();
      });

      function alsoPreview(e) {
        // The note template's own "Also from" part (its stand-in note has a co-sign), filled in.
        var giver = e.from && e.from !== CUSTOMER && !e.anonymous ? directory.get(e.from) : null;
        return K.note.also(template, {
          giver: giver, giverLabel: e.anonymous ? words.colleague : (e.from ? directory.name(e.from) : "…"), message: e.message
        }, sample);
      }

      function counted(input, output, limit) {
        var used = G.codePoints(input === fields.message ? message() : input.value.trim());
        var left = limit - used;
        // Said once: "2,000 characters left", in the page's language and its way of writing numbers.
        var many = Math.abs(left);
        var phrase = left >= 0
          ? (many === 1 ? words.leftOne || "1 character left" : words.left || "{n} characters left")
          : (many === 1 ? words.overOne || "1 character too many" : words.over || "{n} characters too many");
        output.textContent = phrase.replace("{n}", number(many));
        output.classList.toggle("kudos-give__count--over", left < 0);
      }

      var numbers = null;
      function number(n) {
        try {
          numbers = numbers || new Intl.NumberFormat(document.documentElement.lang || undefined);
          return numbers.format(n);
        } catch (error) {
          return String(n);
        }
      }

      function changed() {
        preview();
        $("kudos-submit").hidden = false;  // after a note is sent, a change is the next note
        if (current && !current.sent) {
          current = null;
          result.hidden = true;
        }
      }

      function limit() { return cosign ? alsoMax : messageMax; }
      fields.title.addEventListener("input", function () { counted(fields.title, $("kudos-title-count"), titleMax); changed(); });
      fields.message.addEventListener("input", function () { counted(fields.message, $("kudos-message-count"), limit()); changed(); });
      [fields.date, fields.anonymous].forEach(function (input) { input.addEventListener("change", changed); });
      form.querySelectorAll("input[name=principles]").forEach(function (box) { box.addEventListener("change", changed); });
      counted(fields.title, $("kudos-title-count"), titleMax);
      counted(fields.message, $("kudos-message-count"), limit());

      function problems(e) {
        var found = [];
        if (!e.from) {
          found.push(["from", fields.from, fields.from.value ? "Pick a name from the list for From." : "Choose who it is from."]);
        }
        if (!e.to.length && !also) {
          found.push(["to", fields.to, fields.to.value ? "Pick a name from the list." : "Add at least one person to thank."]);
        } else if (e.from && e.from !== CUSTOMER && e.to.indexOf(e.from) >= 0) {
          found.push(["to", fields.to, "You cannot thank yourself: remove " + directory.name(e.from) + " or thank someone else."]);
        }
        var titleLength = G.codePoints(e.title);
        if (titleLength > titleMax) {
          found.push(["title", fields.title, "The title is " + titleLength + " characters long; shorten it to " + titleMax + " or fewer."]);
        }
        var length = G.codePoints(e.message);
        if (!e.message && !cosign) {
          found.push(["message", fields.message, "Write a message."]);
        } else if (length > limit()) {
          found.push(["message", fields.message, "The message is " + length + " characters long; shorten it to " + limit() + " or fewer."]);
        }
        if (!G.realDay(e.date)) {
          found.push(["date", fields.date, "Enter the date as a real day."]);
        } else if (e.date > today) {
          found.push(["date", fields.date, "The date is in the future; use " + today + " or earlier."]);
        } else if (e.campaign) {
          var option = fields.campaign.selectedOptions[0];
          if (e.date < option.getAttribute("data-start") || e.date > option.getAttribute("data-end")) {
            found.push(["date", fields.date, "A note for " + option.textContent + " is dated from " +
              option.getAttribute("data-start") + " to " + option.getAttribute("data-end") + "."]);
          }
        }
        return found;
      }

      function showProblems(found) {
        form.querySelectorAll("[data-field]").forEach(function (field) {
          var name = field.getAttribute("data-field");
          var error = $("kudos-" + name + "-error");
          var own = found.filter(function (p) { return p[0] === name; });
          var input = fields[name];
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
        if (found.some(function (p) { return ["title", "date", "campaign"].indexOf(p[0]) >= 0; })) $("kudos-more").open = true;
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

      function fileStem(e) {
        // Same names as `kudos new`; an anonymous giver stays out of the name.
        var parts = [e.date];
        if (!e.anonymous && e.from) parts.push(G.slug(e.from));
        if (e.also) {
          parts.push("also", e.also);
        } else if (e.card) {
          parts.push("signs", G.slug(e.card));
        } else {
          parts.push("to");
          e.to.slice(0, G.MAX_NAME_IDS).forEach(function (id) { parts.push(G.slug(id)); });
          if (e.to.length > G.MAX_NAME_IDS) parts.push("and-" + (e.to.length - G.MAX_NAME_IDS) + "-more");
        }
        return parts.filter(Boolean).join("-").slice(0, 150).replace(/-+$/, "");
      }

      function sameRecipients(e) {
        return also && e.to.length === also.recipients.length &&
          e.to.every(function (id, i) { return id === also.recipients[i]; });
      }

      function toYaml(e) {
        var lines = ["date: " + e.date, "from: " + e.from];
        if (!sameRecipients(e)) lines.push("to: [" + e.to.join(", ") + "]");
        if (e.principles.length) lines.push("principles: [" + e.principles.join(", ") + "]");
        if (e.title) lines.push("title: " + G.yamlString(e.title));
        if (e.message) lines.push("message: " + G.yamlBlock(e.message));
        if (e.anonymous) lines.push("anonymous: true");
        if (e.card) lines.push("card: " + e.card);
        if (e.campaign) lines.push("campaign: " + e.campaign, "slot: " + (e.slot || "anyone"));
        if (e.also) lines.push("also: " + e.also);
        return lines.join("\n") + "\n";
      }

      function body(e) {
        var out = { date: e.date, from: e.from };
        if (!sameRecipients(e)) out.to = e.to;
        if (e.message) out.message = e.message;
        if (e.principles.length) out.principles = e.principles;
        if (e.title) out.title = e.title;
        if (e.anonymous) out.anonymous = true;
        if (e.card) out.card = e.card;
        if (e.campaign) { out.campaign = e.campaign; out.slot = e.slot || "anyone"; }
        if (e.also) out.also = e.also;
        return out;
      }

      function newFileLink(e, yaml, name) {
        var repo = (data.repoUrl || "").replace(/\/+$/, "");
        if (!repo || !data.host) return null;
        var path = folder(e).split("/").map(encodeURIComponent).join("/");
        var branch = encodeURIComponent(data.branch || "main");
        var url = data.host === "gitlab"
          ? repo + "/-/new/" + branch + "/" + path + "?file_name=" + encodeURIComponent(name) + "&content=" + encodeURIComponent(yaml)
          : repo + "/new/" + branch + "/" + path + "?filename=" + encodeURIComponent(name) + "&value=" + encodeURIComponent(yaml);
        return url.length <= G.MAX_LINK ? url : null;
      }

      var sender = data.intakeUrl ? new G.Sender(data.intakeUrl, $("kudos-token"), $("kudos-token-field"), say) : null;
      var send = $("kudos-send");

      function where(e) {
        // The wall, or for a co-sign the note it joins: where it will appear.
        var a = el("a", also ? "the note you joined" : "the wall");
        a.href = also ? data.month.replace("0000/00", also.month) + "#" + also.id : data.wall;
        return a;
      }

      function deliver() {
        send.hidden = true;
        sender.send(body(current.entry), current.key, function (ok, payload) {
          if (ok) {
            current.sent = true;
            $("kudos-submit").hidden = true;  // sent: a second tap would send it twice
            status.textContent = "";
            var next = $("kudos-next");
            // The giver reads who will see it and where; the reference is the site keeper's.
            var names = current.entry.to.map(function (id) { var w = directory.get(id); return w ? w.name : ""; })
              .filter(Boolean);
            next.replaceChildren(
              document.createTextNode("Sent! " + (names.length ? names.join(", ") : "Everyone") + " will see it on "),
              where(current.entry), document.createTextNode(" once it is approved."));
            $("kudos-result-heading").textContent = "Sent!";
            var reference = $("kudos-reference");
            reference.textContent = "Reference " + (payload.id || "?") + ": waiting for approval.";
            reference.hidden = false;
          } else {
            send.hidden = false;
          }
        });
      }

      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!loaded) {
          say("One moment: the list of people is still on its way.");
          return;
        }
        var e = entry();
        var found = problems(e);
        showProblems(found);
        if (found.length) {
          result.hidden = true;
          summary.focus();
          return;
        }
        if (e.from !== CUSTOMER) G.store(G.FROM_KEY, e.from);
        if (current && current.sent) current = null;
        if (!current) {
          var yaml = toYaml(e);
          var name = fileStem(e) + ".yml";
          current = { entry: e, yaml: yaml, name: name, path: folder(e) + "/" + name, key: G.newKey() };
        }
        $("kudos-file-name").textContent = current.path;
        $("kudos-yaml").value = current.yaml;
        var propose = $("kudos-propose");
        if (propose) {
          var url = newFileLink(current.entry, current.yaml, current.name);
          propose.hidden = !url;
          $("kudos-too-long").hidden = !!url;
          if (!url) $("kudos-give-files").open = true;  // the file is the way now
          if (url) propose.href = url; else propose.removeAttribute("href");
        }
        result.hidden = false;
        // The last step's own button takes over; any change brings this one back.
        if (!sender) $("kudos-submit").hidden = true;
        $("kudos-result-heading").focus();
        if (sender) deliver();
      });

      if (send) send.addEventListener("click", function () { if (current) deliver(); });

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
        G.download(current.name, current.yaml);
        say("Downloading " + current.name + ". It goes in " + folder(current.entry) + "/.");
      });

      // The cursor waits where writing starts, marked quietly: the full ring
      // is for whoever moves the focus, and comes back once they do.
      function arrive(input) {
        input.focus();
        form.setAttribute("data-quiet-focus", "");
        input.addEventListener("blur", function () { form.removeAttribute("data-quiet-focus"); }, { once: true });
      }

      preview();
      arrive(cosign ? fields.message : fields.to);
    }
  }

  /* Card mode: the card's file for kudos/cards/, by the same three ways. */
  function startCard(directory, asked, data, today) {
    var section = $("kudos-newcard");
    section.hidden = false;
    var forInput = $("kudos-newcard-for"), occasion = $("kudos-newcard-occasion");
    var day = $("kudos-newcard-date"), title = $("kudos-newcard-title");
    var status = $("kudos-newcard-status"), yaml = $("kudos-newcard-yaml");
    var recipient = "";
    var current = null;
    function say(text) { status.textContent = ""; window.setTimeout(function () { status.textContent = text; }, 50); }
    function setFor(id) {
      recipient = id;
      forInput.value = id ? directory.name(id) : "";
      suggestTitle();
    }
    var picker = new K.Picker(forInput, $("kudos-newcard-for-options"), { onPick: function (who) { setFor(who.id); } });
    picker.setChoices(directory.choices(directory.customer.name));
    forInput.addEventListener("input", function () { recipient = ""; });
    var suggested = "";
    function suggestTitle() {
      if (title.value && title.value !== suggested) return;
      var who = directory.get(recipient);
      var name = who ? (who.kind === "person" ? who.name.split(" ")[0] : who.kind === "team" ? "everyone" : "") : "";
      suggested = (G.CARD_TITLES[occasion.value] || "{name}").replace("{name}", name).replace(", !", "!").replace(",  ", " ");
      title.value = suggested;
    }
    occasion.addEventListener("change", suggestTitle);
    if (asked.occasion) occasion.value = asked.occasion;
    day.value = asked.date || today;
    setFor(asked.forId);
    section.setAttribute("data-ready", "");
    var sender = data.intakeUrl ? new G.Sender(data.intakeUrl, null, null, say) : null;
    $("kudos-newcard-make").addEventListener("click", function () {
      var wrong = [];
      [["for", forInput, recipient ? "" : "Pick whom the card is for."],
       ["date", day, G.realDay(day.value) ? "" : "Enter the day of the occasion."],
       ["title", title, title.value.trim() ? "" : "Write the card's greeting."]].forEach(function (check) {
        var error = $("kudos-newcard-" + check[0] + "-error");
        error.textContent = check[2] ? "Error: " + check[2] : "";
        error.hidden = !check[2];
        if (check[2]) { check[1].setAttribute("aria-invalid", "true"); wrong.push(check[1]); } else check[1].removeAttribute("aria-invalid");
      });
      if (wrong.length) { wrong[0].focus(); say("Please fix the marked fields first."); return; }
      var id = G.slug(recipient.replace(/^team:/, "") + "-" + occasion.value + "-" + day.value.slice(0, 4));
      var text = "title: " + G.yamlString(title.value.trim()) + "\nfor: " + recipient + "\noccasion: " + occasion.value +
        "\ndate: " + day.value + "\n";
      current = { id: id, yaml: text, key: G.newKey(),
        body: { title: title.value.trim(), "for": recipient, occasion: occasion.value, date: day.value } };
      yaml.value = text;
      var path = (data.dir || "kudos") + "/cards/" + id + ".yml";
      if (sender) {
        sender.send(current.body, current.key, function (ok, payload) {
          if (ok) say("Sent, thank you! The card is waiting for approval (reference " + (payload.id || "?") + "); once approved, it has its own page to sign.");
        });
      } else if (data.repoUrl && data.host) {
        say("Save it as " + path + " and propose it on the repository (a pull request: the people who keep the site look at it and accept it).");
        G.download(id + ".yml", text);
      } else {
        say("Download the file and give it to whoever runs this site; it goes in " + path + ".");
        G.download(id + ".yml", text);
      }
    });
    $("kudos-newcard-heading").focus();
  }

  /* The little-things idea form: the same people, a file for kudos/ideas/,
     or sent to the intake (same endpoint, told apart by the `idea` field). */
  function startIdeas(section, rows, intakeUrl) {
    var text = $("kudos-idea-text"), by = $("kudos-idea-by"), tags = $("kudos-idea-tags");
    var status = $("kudos-idea-status"), yaml = $("kudos-idea-yaml"), download = $("kudos-idea-download");
    var dir = (section.dataset.dir || "kudos") + "/ideas";
    var send = $("kudos-idea-send");
    var current = null;
    rows.forEach(function (row) { by.appendChild(new Option(row[1], row[0])); });
    section.hidden = false;
    $("kudos-idea-heading").focus();
    function say(message) { status.textContent = message; }
    var sender = intakeUrl ? new G.Sender(intakeUrl, $("kudos-idea-token"), $("kudos-idea-token-field"), say) : null;
    function problem(field, message) {
      var error = $(field.id + "-error");
      error.textContent = message;
      error.hidden = !message;
      if (message) field.setAttribute("aria-invalid", "true"); else field.removeAttribute("aria-invalid");
      return message ? [field] : [];
    }
    $("kudos-idea-make").addEventListener("click", function () {
      var idea = text.value.replace(/\s+/g, " ").trim();
      var words = tags.value.split(",").map(function (t) { return G.slug(t); }).filter(Boolean)
        .filter(function (w, i, all) { return all.indexOf(w) === i; });
      var wrong = problem(text, idea ? "" : "Write the idea.").concat(problem(by, by.value ? "" : "Choose who suggests it."));
      if (wrong.length) {
        wrong[0].focus();
        say("Please fix the marked fields first.");
        return;
      }
      var lines = ["idea: " + G.yamlString(idea), "by: " + by.value];
      if (words.length) lines.push("tags: [" + words.join(", ") + "]");
      var name = (G.slug(idea).split("-").slice(0, 6).join("-") || "idea") + ".yml";
      var body = { idea: idea, by: by.value };
      if (words.length) body.tags = words;
      current = { yaml: lines.join("\n") + "\n", name: name, body: body, key: G.newKey() };
      yaml.value = current.yaml;
      download.hidden = false;
      send.hidden = !intakeUrl;
      say(intakeUrl
        ? "Ready: choose Send it, or save it as " + dir + "/" + name + " and commit it."
        : "Ready: save it as " + dir + "/" + name + " and commit it, or download it.");
    });
    send.addEventListener("click", function () {
      if (!current || !sender || send.disabled) return;
      send.disabled = true;
      sender.send(current.body, current.key, function (ok, payload) {
        send.disabled = false;
        if (ok) {
          send.hidden = true;
          say("Thank you! Your idea is in the inbox (reference " + (payload.id || "?") +
            ") and joins the little-things list once a moderator approves it.");
        }
      });
    });
    download.addEventListener("click", function () { if (current) G.download(current.name, current.yaml); });
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
