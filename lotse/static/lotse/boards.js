// Kanban board: drag and drop with the mouse, and the same moves from the keyboard form
// ("Verschieben" on every card). Without JavaScript the form posts and the page reloads;
// with it, both ways post in the background, refresh the board and announce the result.
(() => {
  "use strict";

  let dragged = null;

  const status = () => document.getElementById("board-status");
  const announce = (text) => {
    const region = status();
    if (region) {
      region.textContent = "";
      // A fresh text node so screen readers announce the same message twice in a row too.
      window.setTimeout(() => { region.textContent = text; }, 50);
    }
  };
  const csrfToken = () => {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  };
  const moveUrl = (cardId) => {
    const form = document.querySelector(`form.move-form[data-card="${cardId}"]`);
    return form ? form.getAttribute("action") : null;
  };

  async function refreshBoard() {
    const board = document.getElementById("board");
    if (!board) return;
    const response = await fetch(window.location.href, { headers: { "HX-Request": "true" } });
    if (!response.ok) return;
    const holder = document.createElement("div");
    holder.innerHTML = await response.text();
    const fresh = holder.querySelector("#board");
    if (fresh) board.replaceWith(fresh);
  }

  async function sendMove(url, fields) {
    const body = new FormData();
    Object.entries(fields).forEach(([key, value]) => {
      if (value !== null && value !== undefined && value !== "") body.append(key, value);
    });
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      credentials: "same-origin",
    });
    let data = {};
    try {
      data = await response.json();
    } catch (error) {
      data = { message: "Die Karte konnte nicht verschoben werden." };
    }
    return { ok: response.ok, data };
  }

  function focusCard(cardId) {
    const card = document.getElementById(`karte-${cardId}`);
    if (!card) return;
    const target = card.querySelector(".card-move summary") || card.querySelector("a");
    if (target) target.focus();
  }

  // --- drag and drop ------------------------------------------------------------------------

  function dropTarget(list, y) {
    const cards = [...list.querySelectorAll(":scope > [data-card]")].filter((c) => c !== dragged);
    return cards.find((card) => {
      const box = card.getBoundingClientRect();
      return y < box.top + box.height / 2;
    }) || null;
  }

  function clearMarks() {
    document.querySelectorAll(".card-list--over").forEach((el) => el.classList.remove("card-list--over"));
  }

  document.addEventListener("dragstart", (event) => {
    const card = event.target.closest && event.target.closest("[data-card][draggable=true]");
    if (!card) return;
    dragged = card;
    card.classList.add("board-card--dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.card);
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("board-card--dragging");
    dragged = null;
    clearMarks();
  });

  const allowedList = (event) => {
    const list = event.target.closest && event.target.closest(".card-list");
    if (!list || !dragged) return null;
    const source = dragged.closest(".card-list");
    // With swimlanes a card stays in its lane; its sub-project changes in the card's form.
    if (source && source.dataset.lane !== list.dataset.lane) return null;
    return list;
  };

  document.addEventListener("dragover", (event) => {
    const list = allowedList(event);
    if (!list) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clearMarks();
    list.classList.add("card-list--over");
  });

  document.addEventListener("drop", async (event) => {
    const list = allowedList(event);
    if (!list) return;
    event.preventDefault();
    clearMarks();
    const card = dragged;
    const cardId = card.dataset.card;
    const next = dropTarget(list, event.clientY);
    const cards = [...list.querySelectorAll(":scope > [data-card]")].filter((c) => c !== card);
    const previous = next ? cards[cards.indexOf(next) - 1] : cards[cards.length - 1];
    // Show the card where it was dropped at once; the refreshed board confirms it.
    const empty = list.querySelector(".card-list__empty");
    if (empty) empty.remove();
    list.insertBefore(card, next);
    const url = moveUrl(cardId);
    if (!url) return;
    const { data } = await sendMove(url, {
      column: list.dataset.column,
      before: next ? next.dataset.card : "",
      after: !next && previous ? previous.dataset.card : "",
    });
    await refreshBoard();
    announce(data.message || "");
  });

  // --- the keyboard form --------------------------------------------------------------------

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest && event.target.closest("form.move-form");
    if (!form || !document.getElementById("board")) return;
    event.preventDefault();
    const cardId = form.dataset.card;
    const { data } = await sendMove(form.getAttribute("action"), {
      column: form.elements.column.value,
      position: form.elements.position.value,
    });
    await refreshBoard();
    focusCard(cardId);
    announce(data.message || "");
  });
})();
