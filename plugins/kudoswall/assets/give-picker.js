/* A type-ahead picker over people, teams and "a customer": the ARIA 1.2
   combobox pattern (an input with a listbox popup). Typing filters; Down and
   Up move through the matches, Enter or a tap picks, Escape closes. Picking
   is choosing: there is no separate Add. Thousands of people stay fast: each
   choice's words are folded once, and a search scans that flat list and
   shows the first MAX_SHOWN matches, people whose name starts with the text
   first. Names only ever reach the page as text. */
(function () {
  "use strict";

  var MAX_SHOWN = 8;
  var counter = 0;

  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  /* choices: [{id, name, detail}]; options: {onPick(choice), exclude(id) -> bool}. */
  function Picker(input, listbox, options) {
    this.input = input;
    this.listbox = listbox;
    this.options = options;
    this.choices = [];
    this.keys = [];
    this.shown = [];
    this.active = -1;
    this.prefix = "kudos-opt-" + (++counter) + "-";
    var self = this;
    input.addEventListener("input", function () { self.search(); });
    input.addEventListener("focus", function () { if (input.value) self.search(); });
    input.addEventListener("keydown", function (event) { self.key(event); });
    input.addEventListener("blur", function () {
      // Let a tap on an option land before the list goes away.
      window.setTimeout(function () { if (document.activeElement !== input) self.close(); }, 150);
    });
    // Keep the focus in the input while an option is pressed, so the
    // keyboard of a phone stays open and the tap picks.
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) self.pick(Number(item.getAttribute("data-index")));
    });
  }

  Picker.prototype.setChoices = function (choices) {
    this.choices = choices;
    this.keys = choices.map(function (c) { return " " + fold(c.name + " " + c.id + " " + (c.detail || "")); });
    this.names = choices.map(function (c) { return fold(c.name); });
  };

  Picker.prototype.search = function () {
    var text = fold(this.input.value.trim());
    var exclude = this.options.exclude || function () { return false; };
    var starts = [], inside = [];
    if (text) {
      var word = " " + text;
      for (var i = 0; i < this.keys.length && starts.length < MAX_SHOWN; i++) {
        if (this.names[i].lastIndexOf(text, 0) === 0) {
          if (!exclude(this.choices[i].id)) starts.push(i);
        } else if (inside.length < MAX_SHOWN && this.keys[i].indexOf(word) >= 0 && !exclude(this.choices[i].id)) {
          inside.push(i);
        }
      }
    }
    this.shown = starts.concat(inside).slice(0, MAX_SHOWN);
    this.active = this.shown.length ? 0 : -1;
    this.draw();
  };

  Picker.prototype.draw = function () {
    var self = this;
    var items = this.shown.map(function (index, n) {
      var choice = self.choices[index];
      var li = document.createElement("li");
      li.id = self.prefix + n;
      li.setAttribute("role", "option");
      li.setAttribute("data-index", String(n));
      li.setAttribute("data-id", choice.id);
      li.setAttribute("aria-selected", n === self.active ? "true" : "false");
      var name = document.createElement("span");
      name.className = "kudos-give__option-name";
      name.textContent = choice.name;
      li.appendChild(name);
      if (choice.detail) {
        var detail = document.createElement("span");
        detail.className = "kudos-give__option-detail";
        detail.textContent = choice.detail;
        li.appendChild(detail);
      }
      return li;
    });
    this.listbox.replaceChildren.apply(this.listbox, items);
    var open = items.length > 0;
    this.listbox.hidden = !open;
    this.input.setAttribute("aria-expanded", open ? "true" : "false");
    if (open && this.active >= 0) {
      this.input.setAttribute("aria-activedescendant", this.prefix + this.active);
      items[this.active].scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
    if (this.options.onResults) this.options.onResults(this.shown.length, this.input.value.trim());
  };

  Picker.prototype.close = function () {
    this.shown = [];
    this.active = -1;
    this.listbox.replaceChildren();
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  };

  Picker.prototype.move = function (step) {
    if (!this.shown.length) { this.search(); return; }
    this.active = (this.active + step + this.shown.length) % this.shown.length;
    this.draw();
  };

  Picker.prototype.pick = function (n) {
    var index = this.shown[n];
    if (index === undefined) return false;
    var choice = this.choices[index];
    this.close();
    this.options.onPick(choice);
    return true;
  };

  Picker.prototype.key = function (event) {
    if (event.key === "ArrowDown") { event.preventDefault(); this.move(1); }
    else if (event.key === "ArrowUp") { event.preventDefault(); this.move(-1); }
    else if (event.key === "Escape") {
      if (!this.listbox.hidden) { event.preventDefault(); this.close(); }
    } else if (event.key === "Enter") {
      // Enter picks the highlighted match; it never sends the form from here.
      event.preventDefault();
      if (this.active >= 0) this.pick(this.active);
      else if (this.options.onEnter) this.options.onEnter();
    }
  };

  window.kudoswall = window.kudoswall || {};
  window.kudoswall.Picker = Picker;
})();
