/* The give page's preview: the note as the wall shows it. The note's markup
   is not written here: the page carries the site's own note template,
   rendered for a stand-in note inside <template id="kudos-note-template">,
   and this copies it and puts the visitor's words in its places. The
   message goes through the same Markdown subset the site renders
   (paragraphs, lists, quotes, emphasis, code, http(s)/mailto links, hard
   breaks), built as DOM nodes: nothing typed here ever becomes markup.
   tests/render_cases.json holds the cases both renderers must agree on. */
(function () {
  "use strict";

  var INLINE = [
    { re: /^`([^`]+)`/, make: function (m) { return el("code", m[1]); } },
    { re: /^!\[([^\]]*)\]\([^)]*\)/, make: function (m) { return document.createTextNode(m[1]); } },
    { re: /^\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+"([^"]*)")?\)/, make: function (m) { return link(m[2], m[1], true, m[3]); } },
    { re: /^<((?:https?:\/\/|mailto:)[^>\s]+)>/i, make: function (m) { return link(m[1], m[1], false); } },
    { re: /^(\*\*|__)(?=\S)([\s\S]*?\S)\1(?!\1)/, make: function (m) { return wrap("strong", m[2]); } },
    { re: /^(\*|_)(?=\S)([\s\S]*?\S)\1/, make: function (m) { return wrap("em", m[2]); } },
    { re: /^(?:\\| {2,})\n/, make: function () {
      var lineBreak = document.createDocumentFragment();  // as the site writes it: the break, then the new line
      lineBreak.append(document.createElement("br"), "\n");
      return lineBreak;
    } },
    { re: /^\\([\\`*_{}\[\]()#+\-.!<>])/, make: function (m) { return document.createTextNode(m[1]); } },
    { re: /^&(#\d{1,7}|#x[0-9a-f]{1,6}|amp|lt|gt|quot|apos|nbsp);/i, make: function (m) { return document.createTextNode(entity(m[1])); } }
  ];

  var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };

  function entity(name) {
    if (name[0] !== "#") return ENTITIES[name.toLowerCase()];
    var code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
  }

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

  function link(href, text, parseText, title) {
    // Only http(s) and mailto go anywhere: any other scheme leaves a link with no address, as the site's sanitizer does.
    var a = document.createElement("a");
    if (/^(https?:\/\/|mailto:)/i.test(href)) a.href = href;
    if (title) a.title = title;
    a.rel = "nofollow noopener ugc";
    if (parseText) inline(a, text); else a.textContent = text;
    return a;
  }

  function inline(parent, text) {
    var plain = "";
    var flush = function () {
      if (plain) parent.appendChild(document.createTextNode(plain));
      plain = "";
    };
    var i = 0;
    while (i < text.length) {
      var rest = text.slice(i);
      var matched = false;
      // A word character before "_" is not emphasis (snake_case stays as it is).
      var wordBefore = i > 0 && /\w/.test(text[i - 1]) && rest[0] === "_";
      for (var k = 0; k < INLINE.length && !wordBefore; k++) {
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

  var INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069\ufeff]/g;

  function renderMarkdown(source) {
    var fragment = document.createDocumentFragment();
    var text = String(source).normalize("NFC").replace(/\r\n?/g, "\n").replace(INVISIBLE, "");
    var blocks = text.split(/\n[ \t]*\n/);
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
        var items = [];
        lines.forEach(function (line) {
          if (marker.test(line)) items.push(line.replace(marker, ""));
          else if (items.length) items[items.length - 1] += "\n" + line.trim();
        });
        items.forEach(function (item) {
          var li = el("li");
          inline(li, item.replace(/\s+$/, ""));
          list.appendChild(li);
        });
        fragment.appendChild(list);
      } else {
        var p = el("p");
        inline(p, lines.map(function (l) { return l.replace(/^\s+/, ""); }).join("\n").replace(/\s+$/, ""));
        fragment.appendChild(p);
      }
    });
    return fragment;
  }

  /* The note: `note` says what to show, in the words of the site's template:
     {to: [{id, name, avatar, initials}], title, message, fromCustomer,
      toCustomer, giver: {name, id} or null, giverLabel, principles:
      [{id, title, href}], date, dateText}. */
  function buildNote(template, note, sample) {
    var article = template.content.querySelector("article").cloneNode(true);
    article.removeAttribute("data-kudos-id");  // a preview is not a note: that attribute counts notes
    var people = note.to.filter(function (r) { return r.kind === "person"; });
    // As the note's template writes it: every recipient's id (people, team:<slug>, customer).
    article.setAttribute("data-recipients", note.to.filter(function (r) { return r.id; })
      .map(function (r) { return r.id; }).join(" "));
    article.classList.toggle("kudos-entry--customer", !!note.fromCustomer);
    article.classList.toggle("kudos-entry--to-customer", !!note.toCustomer);
    article.classList.toggle("kudos-entry--long", note.messageText.length > 320);

    var avatars = article.querySelector(".kudos-avatars");
    var avatar = avatars.firstElementChild;
    avatars.replaceChildren();
    people.slice(0, 3).forEach(function (r) {
      var a = avatar.cloneNode(false);
      a.className = "kudos-avatar kudos-avatar--" + r.avatar;
      a.textContent = r.initials;
      avatars.appendChild(a);
    });
    if (!people.length) {
      var heart = avatar.cloneNode(false);
      // Nobody chosen yet: an empty circle waiting for a face, not a customer's.
      var nobody = note.to.every(function (r) { return r.kind === "none"; });
      heart.className = "kudos-avatar " + (nobody ? "kudos-avatar--blank" : "kudos-avatar--customer");
      heart.textContent = "\u2665";
      avatars.appendChild(heart);
    }

    var to = article.querySelector(".kudos-entry__to");
    var personLink = to.querySelector('a[href*="' + sample.person + '"]');
    var teamLink = to.querySelector('a[href*="' + sample.team + '"]');
    to.replaceChildren();
    note.to.forEach(function (r, i) {
      var proto = r.kind === "person" ? personLink : r.kind === "team" ? teamLink : null;
      if (proto) {
        var a = proto.cloneNode(false);
        a.setAttribute("href", proto.getAttribute("href").replace(r.kind === "person" ? sample.person : sample.team, encodeURIComponent(r.slug)));
        a.textContent = r.name;
        to.appendChild(a);
      } else if (r.kind === "none") {
        // Nobody chosen yet: the name's place holds a quiet question.
        var ask = el("span", r.name);
        ask.className = "kudos-give__nobody";
        to.appendChild(ask);
      } else {
        to.appendChild(document.createTextNode(r.name));
      }
      if (i < note.to.length - 1) {
        to.appendChild(document.createTextNode(i === note.to.length - 2 ? " " + note.words.and + " " : ", "));
      }
    });

    var headline = article.querySelector(".kudos-entry__headline");
    if (headline) {
      if (note.title) {
        headline.textContent = note.title;
      } else {
        headline.previousElementSibling.remove();  // the hidden ": " before it
        headline.remove();
      }
    }

    var message = article.querySelector(".kudos-entry__message");
    var badge = article.querySelector(".kudos-badge");
    if (badge) badge.remove();
    if (note.fromCustomer || note.toCustomer) {
      var b = el("p", note.fromCustomer ? note.words.customerPraise : note.words.toCustomer);
      b.className = "kudos-badge kudos-badge--" + (note.fromCustomer ? "customer" : "to-customer");
      message.before(b);
    }
    var body = el(note.fromCustomer ? "blockquote" : "div");
    body.className = "kudos-entry__message" + (note.fromCustomer ? " kudos-entry__quote" : "");
    if (note.placeholder) {
      // A blank note: ruled lines waiting for words (said, not shown).
      var waiting = el("p");
      waiting.className = "kudos-give__placeholder";
      var said = el("span", note.placeholder);
      said.className = "kudos-visually-hidden";
      waiting.appendChild(said);
      body.appendChild(waiting);
    } else {
      body.appendChild(renderMarkdown(note.message));
    }
    message.replaceWith(body);

    var chips = article.querySelector(".kudos-entry__principles");
    if (chips) {
      var chip = chips.firstElementChild;
      chips.replaceChildren();
      note.principles.forEach(function (p) {
        var li = chip.cloneNode(true);
        var a = li.querySelector("a");
        a.setAttribute("data-principle", p.id);
        a.setAttribute("href", p.href);
        a.textContent = p.title;
        chips.appendChild(li);
      });
      if (!note.principles.length) chips.remove();
    }

    var from = article.querySelector(".kudos-entry__from");
    var giverLink = from.querySelector("a");
    var giverAvatar = from.querySelector(".kudos-avatar");
    var line = giverLink ? giverLink.parentElement : from;
    line.replaceChildren(document.createTextNode(note.words.from + " "));
    if (note.giver && giverLink) {
      var g = giverLink.cloneNode(false);
      g.setAttribute("href", giverLink.getAttribute("href").replace(sample.person, encodeURIComponent(note.giver.id)));
      g.textContent = note.giver.name;
      line.appendChild(g);
      if (giverAvatar) {
        giverAvatar.className = giverAvatar.className.replace(/kudos-avatar--\S+/, "kudos-avatar--" + note.giver.avatar);
        giverAvatar.textContent = note.giver.initials;
      }
    } else {
      line.appendChild(document.createTextNode(note.giverLabel));
      if (giverAvatar) giverAvatar.remove();
    }
    var time = article.querySelector(".kudos-entry__date time");
    time.setAttribute("datetime", note.date);
    time.textContent = note.dateText;
    var dateLink = time.parentElement;
    dateLink.removeAttribute("href");  // the note has no permanent link before it is published
    article.querySelectorAll("[data-kudos-metoo], .kudos-entry__also").forEach(function (n) { n.remove(); });
    return article;
  }

  /* A co-sign as its note shows it: the template's "Also from" part, with one
     co-signer (`giver` {id, name} or `giverLabel`) and their words, if any. */
  function buildAlso(template, cosign, sample) {
    var section = template.content.querySelector(".kudos-entry__also").cloneNode(true);
    var names = section.querySelector(".kudos-entry__also-names");
    var proto = names.querySelector("a");
    var lead = names.firstChild.nodeType === 3 ? names.firstChild.textContent.replace(/\s+$/, "") : "";
    names.replaceChildren(document.createTextNode(lead + " "));
    if (cosign.giver && proto) {
      var a = proto.cloneNode(false);
      a.setAttribute("href", proto.getAttribute("href").replace(sample.person, encodeURIComponent(cosign.giver.id)));
      a.textContent = cosign.giver.name;
      names.appendChild(a);
    } else {
      names.appendChild(document.createTextNode(cosign.giverLabel));
    }
    var words = section.querySelector(".kudos-entry__also-words");
    if (words) {
      if (cosign.message) {
        var who = words.querySelector(".kudos-entry__also-who");
        who.textContent = (cosign.giver ? cosign.giver.name : cosign.giverLabel) + ":";
        words.replaceChildren(who, renderMarkdown(cosign.message));
      } else {
        words.remove();
      }
    }
    return section;
  }

  window.kudoswall = window.kudoswall || {};
  window.kudoswall.note = { renderMarkdown: renderMarkdown, build: buildNote, also: buildAlso };
})();
