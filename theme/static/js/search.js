// Search page: our own UI on the Pagefind JS API.
// Values within one filter combine with OR, filters combine with AND; each value shows how
// many results it would give; the state lives in the URL so it can be shared and the back
// button works. No inline script and no innerHTML: the page runs under a strict CSP.
// Each filter is a disclosure whose values (Pagefind's filter data, tens of kB per filter
// on a large collection) load when it is first opened, so a search by words alone fetches
// none of them.
// URLs are written with slugs (?tema=poverta-educativa) and read with slugs or labels; the
// page carries the facet -> {slug: label} map as a JSON data block (not a script).
// Values are sorted by count; those with no result hide behind «mostra tutti».

const FACETS = [
  ["tipo", "Tipo di scheda"],
  ["regione", "Regione"],
  ["provincia", "Provincia"],
  ["tema", "Tema"],
  ["soggetto", "Tipo di soggetto"],
  ["strumento", "Strumento usato"],
  ["anno", "Anno di avvio"],
];
const PAGE_SIZE = 10; // each result fetches its text (a few kB) for the excerpt

const form = document.getElementById("search-form");
const queryInput = document.getElementById("search-query");
const filtersBox = document.getElementById("search-filters");
const statusBox = document.getElementById("search-status");
const resultsList = document.getElementById("search-results");
const moreButton = document.getElementById("search-more");
const clearButton = document.getElementById("search-clear");
const filterPanel = document.getElementById("search-filter-panel");
const filterCount = document.getElementById("search-filter-count");
const emptyBox = document.getElementById("search-empty");
const dropBox = document.getElementById("search-drop");
const dropList = document.getElementById("search-drop-list");
const chipsList = document.getElementById("search-chips");
const sortSelect = document.getElementById("search-sort");
const vocabularyBlock = document.getElementById("search-vocabulary");
const VOCABULARY = vocabularyBlock ? JSON.parse(vocabularyBlock.textContent) : {};

const siteBase = new URL((form.dataset.site || ".") + "/", window.location.href);
let pagefind;
let shownResults = [];
let shownCount = 0;
let countsTurn = 0;
let resultsTurn = 0;
// Filters whose data is loaded and whose values are shown: opened once, or with a selection.
const wanted = new Set();
const facetBoxes = {};
// Filters whose values with no result the reader asked to see.
const showAll = new Set();

function plain(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

// A value from the URL (a slug, a label, or a label written loosely) -> the label Pagefind knows.
function toLabel(facet, value) {
  const known = VOCABULARY[facet];
  if (!known) return value;
  if (Object.prototype.hasOwnProperty.call(known, value)) return known[value];
  const wanted = plain(value);
  for (const [slug, label] of Object.entries(known)) {
    if (slug === wanted || plain(label) === wanted) return label;
  }
  return value;
}

function toSlug(facet, label) {
  const known = VOCABULARY[facet];
  if (!known) return label;
  for (const [slug, name] of Object.entries(known)) if (name === label) return slug;
  return label;
}

function readState() {
  const params = new URLSearchParams(window.location.search);
  const selected = {};
  for (const [facet] of FACETS) {
    selected[facet] = [...new Set(params.getAll(facet).filter(Boolean).map((v) => toLabel(facet, v)))];
  }
  const query = (params.get("q") || "").trim();
  return { query, selected, sort: readSort(query, params.get("ordine")) };
}

// Without words there is no relevance: the newest first, unless the URL says otherwise.
function defaultSort(query) {
  return query ? "rilevanza" : "recenti";
}

function readSort(query, asked) {
  return asked === "recenti" || asked === "rilevanza" ? asked : defaultSort(query);
}

function stateToUrl(state) {
  const params = new URLSearchParams();
  if (state.query) params.set("q", state.query);
  for (const [facet] of FACETS) {
    for (const value of state.selected[facet]) params.append(facet, toSlug(facet, value));
  }
  if (state.sort !== defaultSort(state.query)) params.set("ordine", state.sort);
  const text = params.toString();
  return window.location.pathname + (text ? "?" + text : "");
}

function currentState() {
  const selected = {};
  for (const [facet] of FACETS) {
    selected[facet] = Array.from(
      filtersBox.querySelectorAll(`input[name="${facet}"]:checked`), (box) => box.value,
    );
  }
  const query = queryInput.value.trim();
  const sort = sortSelect.dataset.chosen ? sortSelect.value : defaultSort(query);
  return { query, selected, sort };
}

function pagefindFilters(selected, except) {
  const filters = {};
  for (const [facet] of FACETS) {
    // An empty list filters nothing but makes Pagefind load the filter and count its values.
    if (wanted.has(facet)) filters[facet] = [];
    if (facet !== except && selected[facet].length) filters[facet] = { any: selected[facet] };
  }
  return filters;
}

function sortValues(facet, values, counts) {
  // Most results first; ties by year (latest first) or alphabetically.
  return values.sort((a, b) => (counts[b] || 0) - (counts[a] || 0) ||
    (facet === "anno" ? Number(b) - Number(a) : a.localeCompare(b, "it")));
}

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function buildFacets() {
  for (const [facet, label] of FACETS) {
    const details = element("details", { class: "search-facet", id: `filtro-${facet}` });
    const summary = element("summary", {}, label);
    const chosen = element("span", { class: "search-facet__chosen" });
    summary.append(chosen);
    const fieldset = element("fieldset");
    fieldset.append(element("legend", {}, label));
    const list = element("ul");
    const all = element("button", { type: "button", class: "link-button search-facet__all" });
    all.hidden = true;
    all.addEventListener("click", () => {
      if (showAll.has(facet)) showAll.delete(facet); else showAll.add(facet);
      showZeros(facet);
    });
    fieldset.append(list, all);
    details.append(summary, fieldset);
    details.addEventListener("toggle", () => {
      if (!details.open || wanted.has(facet)) return;
      wanted.add(facet);
      list.replaceChildren(element("li", { class: "search-facet__note" }, "Caricamento dei valori…"));
      runSearch(currentState(), true);
    });
    filtersBox.append(details);
    facetBoxes[facet] = { details, chosen, list, all };
  }
}

function showZeros(facet) {
  const { list, all } = facetBoxes[facet];
  const zeros = list.querySelectorAll(".search-facet--none").length;
  const open = showAll.has(facet);
  list.classList.toggle("search-facet--all", open);
  all.hidden = zeros === 0;
  all.textContent = open ? "mostra solo quelli con risultati" : `mostra tutti (altri ${zeros} senza risultati)`;
  all.setAttribute("aria-expanded", String(open));
}

function renderFilters(state, counts) {
  const focused = document.activeElement && document.activeElement.id;
  for (const [facet] of FACETS) {
    const { details, chosen, list } = facetBoxes[facet];
    const selected = state.selected[facet].length;
    chosen.textContent = selected ? ` (${selected} ${selected === 1 ? "scelto" : "scelti"})` : "";
    if (selected) details.open = true;
    if (!counts[facet]) continue;
    const values = sortValues(facet, Object.keys(counts[facet]), counts[facet]);
    if (!values.length) {
      list.replaceChildren(element("li", { class: "search-facet__note" }, "Nessun valore."));
      continue;
    }
    list.replaceChildren(...values.map((value, index) => {
      const id = `filtro-${facet}-${index}`;
      const count = counts[facet][value] || 0;
      const checked = state.selected[facet].includes(value);
      const item = element("li");
      const box = element("input", { type: "checkbox", id, name: facet, value });
      box.checked = checked;
      const text = element("label", { for: id });
      text.append(document.createTextNode(value + " "));
      text.append(element("span", { class: "search-facet__count" }, `(${count})`));
      if (!count && !checked) item.classList.add("search-facet--none");
      item.append(box, text);
      return item;
    }));
    showZeros(facet);
  }
  const chosenTotal = FACETS.reduce((n, [facet]) => n + state.selected[facet].length, 0);
  filterCount.textContent = chosenTotal ? ` (${chosenTotal})` : "";
  if (focused) {
    const again = document.getElementById(focused);
    if (again) again.focus();
  }
}

function renderExcerpt(container, excerpt) {
  // Pagefind marks matches with <mark>; rebuild them as nodes instead of parsing HTML.
  const parts = excerpt.split(/<\/?mark>/);
  parts.forEach((part, index) => {
    const text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'").replace(/&amp;/g, "&");
    container.append(index % 2 ? element("mark", {}, text) : document.createTextNode(text));
  });
}

async function renderMore() {
  const batch = shownResults.slice(shownCount, shownCount + PAGE_SIZE);
  const data = await Promise.all(batch.map((result) => result.data()));
  for (const item of data) {
    const li = element("li");
    const article = element("article", { class: "card" });
    if (item.meta.tipo) article.append(element("p", { class: "card__kind" }, item.meta.tipo));
    const heading = element("h2", { class: "card__title" });
    heading.append(element("a", { href: item.url }, item.meta.title || item.url));
    article.append(heading);
    const excerpt = element("p", { class: "card__summary" });
    renderExcerpt(excerpt, item.excerpt || "");
    article.append(excerpt);
    // The date the entry entered the collection: what «più recenti» sorts by.
    const added = item.meta.data ? `scheda del ${item.meta.data}` : "";
    const details = [item.meta.luoghi, item.meta.periodo, added].filter(Boolean).join(" · ");
    if (details) article.append(element("p", { class: "card__meta" }, details));
    li.append(article);
    resultsList.append(li);
  }
  shownCount += batch.length;
  moreButton.hidden = shownCount >= shownResults.length;
}

function describe(state, total) {
  const parts = [];
  parts.push(total === 1 ? "1 risultato" : `${total} risultati`);
  if (state.query) parts.push(`per «${state.query}»`);
  const active = FACETS.filter(([facet]) => state.selected[facet].length)
    .map(([facet, label]) => `${label}: ${state.selected[facet].join(" o ")}`);
  if (active.length) parts.push(`con i filtri ${active.join("; ")}`);
  return parts.join(" ") + ".";
}

async function runSearch(state, countsOnly = false) {
  // A newer search supersedes an older one; opening a filter only asks for counts, and must
  // not throw away the results list (and the reader's place in it).
  const countsAt = ++countsTurn;
  const resultsAt = countsOnly ? resultsTurn : ++resultsTurn;
  for (const [facet] of FACETS) if (state.selected[facet].length) wanted.add(facet);
  const term = state.query || null;
  const options = { filters: pagefindFilters(state.selected) };
  if (state.sort === "recenti") options.sort = { data: "desc" };
  const main = await pagefind.search(term, options);
  const counts = {};
  for (const facet of wanted) counts[facet] = main.filters[facet] || {};
  // A facet's own selection must not narrow its counts (values OR together): count each
  // facet that has a selection with every other filter but its own.
  await Promise.all(FACETS.filter(([facet]) => state.selected[facet].length).map(async ([facet]) => {
    const other = await pagefind.search(term, { filters: pagefindFilters(state.selected, facet) });
    counts[facet] = other.filters[facet] || {};
  }));
  if (countsAt === countsTurn) renderFilters(state, counts);
  if (countsOnly || resultsAt !== resultsTurn) return;
  shownResults = main.results;
  shownCount = 0;
  resultsList.replaceChildren();
  await renderMore();
  statusBox.textContent = describe(state, main.results.length);
  clearButton.hidden = !FACETS.some(([facet]) => state.selected[facet].length);
  renderEmpty(state, main.results.length);
  renderChips(state);
  sortSelect.value = state.sort;
  resultsList.dataset.sort = state.sort; // what the list shown is sorted by
}

// No result: suggest the filters to drop (the themes and «Proponi» are in the page).
function removeFilter(facet, value) {
  const box = Array.from(filtersBox.querySelectorAll(`input[name="${facet}"]`))
    .find((input) => input.value === value);
  if (box) box.checked = false;
  commit(true);
}

// The filters applied, each a button that removes it: visible even when «Filtra» is closed.
function renderChips(state) {
  const chosen = FACETS.flatMap(([facet, label]) =>
    state.selected[facet].map((value) => [facet, label, value]));
  chipsList.hidden = !chosen.length;
  chipsList.replaceChildren(...chosen.map(([facet, label, value]) => {
    const item = element("li");
    const button = element("button", {
      type: "button", class: "search-chip", "aria-label": `Togli il filtro ${label}: ${value}`,
    });
    button.append(document.createTextNode(`${label}: ${value} `));
    button.append(element("span", { "aria-hidden": "true" }, "×"));
    button.addEventListener("click", () => removeFilter(facet, value));
    item.append(button);
    return item;
  }));
}

function renderEmpty(state, total) {
  emptyBox.hidden = total > 0;
  const chosen = FACETS.flatMap(([facet, label]) =>
    state.selected[facet].map((value) => [facet, label, value]));
  dropBox.hidden = total > 0 || !chosen.length;
  dropList.replaceChildren(...chosen.map(([facet, label, value]) => {
    const item = element("li");
    const button = element("button", { type: "button", class: "link-button" },
      `Togli «${label}: ${value}»`);
    button.addEventListener("click", () => removeFilter(facet, value));
    item.append(button);
    return item;
  }));
}

function applyState(state) {
  queryInput.value = state.query;
  // An order read from the URL is the reader's choice; the default follows the words.
  if (state.sort !== defaultSort(state.query)) sortSelect.dataset.chosen = "true";
  else delete sortSelect.dataset.chosen;
  return runSearch(state);
}

function commit(push) {
  const state = currentState();
  const url = stateToUrl(state);
  if (url !== window.location.pathname + window.location.search) {
    window.history[push ? "pushState" : "replaceState"](null, "", url);
  }
  return runSearch(state);
}

let typingTimer;

async function start() {
  pagefind = await import(new URL("pagefind/pagefind.js", siteBase).href);
  await pagefind.options({ baseUrl: siteBase.pathname, excerptLength: 24 });
  await pagefind.init();
  buildFacets();
  // Wide screens show the filters beside the results; phones keep them behind «Filtra».
  if (window.matchMedia("(min-width: 50em)").matches) filterPanel.open = true;
  document.getElementById("search-fallback").hidden = true;
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    commit(true);
  });
  queryInput.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => commit(false), 300);
  });
  filtersBox.addEventListener("change", () => commit(true));
  sortSelect.addEventListener("change", () => {
    sortSelect.dataset.chosen = "true";
    commit(true);
  });
  moreButton.addEventListener("click", () => renderMore());
  clearButton.addEventListener("click", () => {
    filtersBox.querySelectorAll("input:checked").forEach((box) => { box.checked = false; });
    commit(true);
    queryInput.focus();
  });
  window.addEventListener("popstate", () => applyState(readState()));
  await applyState(readState());
  document.documentElement.dataset.searchReady = "true";
}

start().catch((error) => {
  statusBox.textContent = "La ricerca non è disponibile in questo momento.";
  console.warn("search unavailable", error);
});
