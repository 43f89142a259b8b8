// Search page: our own UI on the Pagefind JS API.
// Values within one filter combine with OR, filters combine with AND; each value shows how
// many results it would give; the state lives in the URL so it can be shared and the back
// button works. No inline script and no innerHTML: the page runs under a strict CSP.
// Each filter is a disclosure whose values (Pagefind's filter data, tens of kB per filter
// on a large collection) load when it is first opened, so a search by words alone fetches
// none of them.
// URLs are written with slugs (?tema=poverta-educativa) and read with slugs or labels; the
// page carries the filter -> {slug: label} map as a JSON data block (not a script).
// Values are sorted by count; those with no result hide behind «mostra tutti».
// The filters (name, label) and the words to count with come from a second data block,
// written from the search filters table (collaborare/core/facets.py, plugins/search).

function readBlock(id) {
  const block = document.getElementById(id);
  return block ? JSON.parse(block.textContent) : {};
}

const SETTINGS = readBlock("search-settings");
const FILTERS = SETTINGS.filters || [];
const WORDS = SETTINGS.words || {};
const NUMERIC = new Set(SETTINGS.numeric || []);
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
const VOCABULARY = readBlock("search-vocabulary");

const siteBase = new URL((form.dataset.site || ".") + "/", window.location.href);
let pagefind;
let shownResults = [];
let shownCount = 0;
let countsTurn = 0;
let resultsTurn = 0;
// Filters whose data is loaded and whose values are shown: opened once, or with a selection.
const wanted = new Set();
const filterBoxes = {};
// Filters whose values with no result the reader asked to see.
const showAll = new Set();

// The site's plural filter (collaborare/core/text.py) in JS, with the words of the data block.
function plural(count, word) {
  const [singular, many] = WORDS[word];
  return `${count} ${count === 1 ? singular : many}`;
}

function plain(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

// A value from the URL (a slug, a label, or a label written loosely) -> the label Pagefind knows.
function toLabel(filter, value) {
  const known = VOCABULARY[filter];
  if (!known) return value;
  if (Object.prototype.hasOwnProperty.call(known, value)) return known[value];
  const wanted = plain(value);
  for (const [slug, label] of Object.entries(known)) {
    if (slug === wanted || plain(label) === wanted) return label;
  }
  return value;
}

function toSlug(filter, label) {
  const known = VOCABULARY[filter];
  if (!known) return label;
  for (const [slug, name] of Object.entries(known)) if (name === label) return slug;
  return label;
}

function readState() {
  const params = new URLSearchParams(window.location.search);
  const selected = {};
  for (const [filter] of FILTERS) {
    selected[filter] = [...new Set(params.getAll(filter).filter(Boolean).map((v) => toLabel(filter, v)))];
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
  for (const [filter] of FILTERS) {
    for (const value of state.selected[filter]) params.append(filter, toSlug(filter, value));
  }
  if (state.sort !== defaultSort(state.query)) params.set("ordine", state.sort);
  const text = params.toString();
  return window.location.pathname + (text ? "?" + text : "");
}

function currentState() {
  const selected = {};
  for (const [filter] of FILTERS) {
    selected[filter] = Array.from(
      filtersBox.querySelectorAll(`input[name="${filter}"]:checked`), (box) => box.value,
    );
  }
  const query = queryInput.value.trim();
  const sort = sortSelect.dataset.chosen ? sortSelect.value : defaultSort(query);
  return { query, selected, sort };
}

function pagefindFilters(selected, except) {
  const filters = {};
  for (const [filter] of FILTERS) {
    // An empty list filters nothing but makes Pagefind load the filter and count its values.
    if (wanted.has(filter)) filters[filter] = [];
    if (filter !== except && selected[filter].length) filters[filter] = { any: selected[filter] };
  }
  return filters;
}

function sortValues(filter, values, counts) {
  // Most results first; ties by number (a year: latest first) or alphabetically.
  return values.sort((a, b) => (counts[b] || 0) - (counts[a] || 0) ||
    (NUMERIC.has(filter) ? Number(b) - Number(a) : a.localeCompare(b, "it")));
}

function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function buildFilters() {
  for (const [filter, label] of FILTERS) {
    const details = element("details", { class: "search-facet", id: `filtro-${filter}` });
    const summary = element("summary", {}, label);
    const chosen = element("span", { class: "search-facet__chosen" });
    summary.append(chosen);
    const fieldset = element("fieldset");
    fieldset.append(element("legend", {}, label));
    const list = element("ul");
    const all = element("button", { type: "button", class: "link-button search-facet__all" });
    all.hidden = true;
    all.addEventListener("click", () => {
      if (showAll.has(filter)) showAll.delete(filter); else showAll.add(filter);
      showZeros(filter);
    });
    fieldset.append(list, all);
    details.append(summary, fieldset);
    details.addEventListener("toggle", () => {
      if (!details.open || wanted.has(filter)) return;
      wanted.add(filter);
      list.replaceChildren(element("li", { class: "search-facet__note" }, "Caricamento dei valori…"));
      runSearch(currentState(), true);
    });
    filtersBox.append(details);
    filterBoxes[filter] = { details, chosen, list, all };
  }
}

function showZeros(filter) {
  const { list, all } = filterBoxes[filter];
  const zeros = list.querySelectorAll(".search-facet--none").length;
  const open = showAll.has(filter);
  list.classList.toggle("search-facet--all", open);
  all.hidden = zeros === 0;
  all.textContent = open ? "mostra solo quelli con risultati" : `mostra tutti (altri ${zeros} senza risultati)`;
  all.setAttribute("aria-expanded", String(open));
}

function renderFilters(state, counts) {
  const focused = document.activeElement && document.activeElement.id;
  for (const [filter] of FILTERS) {
    const { details, chosen, list } = filterBoxes[filter];
    const selected = state.selected[filter].length;
    chosen.textContent = selected ? ` (${plural(selected, "chosen")})` : "";
    if (selected) details.open = true;
    if (!counts[filter]) continue;
    const values = sortValues(filter, Object.keys(counts[filter]), counts[filter]);
    if (!values.length) {
      list.replaceChildren(element("li", { class: "search-facet__note" }, "Nessun valore."));
      continue;
    }
    list.replaceChildren(...values.map((value, index) => {
      const id = `filtro-${filter}-${index}`;
      const count = counts[filter][value] || 0;
      const checked = state.selected[filter].includes(value);
      const item = element("li");
      const box = element("input", { type: "checkbox", id, name: filter, value });
      box.checked = checked;
      const text = element("label", { for: id });
      text.append(document.createTextNode(value + " "));
      text.append(element("span", { class: "search-facet__count" }, `(${count})`));
      if (!count && !checked) item.classList.add("search-facet--none");
      item.append(box, text);
      return item;
    }));
    showZeros(filter);
  }
  const chosenTotal = FILTERS.reduce((n, [filter]) => n + state.selected[filter].length, 0);
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
  parts.push(plural(total, "result"));
  if (state.query) parts.push(`per «${state.query}»`);
  const active = FILTERS.filter(([filter]) => state.selected[filter].length)
    .map(([filter, label]) => `${label}: ${state.selected[filter].join(" o ")}`);
  if (active.length) parts.push(`con i filtri ${active.join("; ")}`);
  return parts.join(" ") + ".";
}

async function runSearch(state, countsOnly = false) {
  // A newer search supersedes an older one; opening a filter only asks for counts, and must
  // not throw away the results list (and the reader's place in it).
  const countsAt = ++countsTurn;
  const resultsAt = countsOnly ? resultsTurn : ++resultsTurn;
  for (const [filter] of FILTERS) if (state.selected[filter].length) wanted.add(filter);
  const term = state.query || null;
  const options = { filters: pagefindFilters(state.selected) };
  if (state.sort === "recenti") options.sort = { data: "desc" };
  const main = await pagefind.search(term, options);
  const counts = {};
  for (const filter of wanted) counts[filter] = main.filters[filter] || {};
  // A filter's own selection must not narrow its counts (values OR together): count each
  // filter that has a selection with every other filter but its own.
  await Promise.all(FILTERS.filter(([filter]) => state.selected[filter].length).map(async ([filter]) => {
    const other = await pagefind.search(term, { filters: pagefindFilters(state.selected, filter) });
    counts[filter] = other.filters[filter] || {};
  }));
  if (countsAt === countsTurn) renderFilters(state, counts);
  if (countsOnly || resultsAt !== resultsTurn) return;
  shownResults = main.results;
  shownCount = 0;
  resultsList.replaceChildren();
  await renderMore();
  statusBox.textContent = describe(state, main.results.length);
  clearButton.hidden = !FILTERS.some(([filter]) => state.selected[filter].length);
  renderEmpty(state, main.results.length);
  renderChips(state);
  sortSelect.value = state.sort;
  resultsList.dataset.sort = state.sort; // what the list shown is sorted by
}

// No result: suggest the filters to drop (the themes and «Proponi» are in the page).
function removeFilter(filter, value) {
  const box = Array.from(filtersBox.querySelectorAll(`input[name="${filter}"]`))
    .find((input) => input.value === value);
  if (box) box.checked = false;
  commit(true);
}

// The filters applied, each a button that removes it: visible even when «Filtra» is closed.
function renderChips(state) {
  const chosen = FILTERS.flatMap(([filter, label]) =>
    state.selected[filter].map((value) => [filter, label, value]));
  chipsList.hidden = !chosen.length;
  chipsList.replaceChildren(...chosen.map(([filter, label, value]) => {
    const item = element("li");
    const button = element("button", {
      type: "button", class: "search-chip", "aria-label": `Togli il filtro ${label}: ${value}`,
    });
    button.append(document.createTextNode(`${label}: ${value} `));
    button.append(element("span", { "aria-hidden": "true" }, "×"));
    button.addEventListener("click", () => removeFilter(filter, value));
    item.append(button);
    return item;
  }));
}

function renderEmpty(state, total) {
  emptyBox.hidden = total > 0;
  const chosen = FILTERS.flatMap(([filter, label]) =>
    state.selected[filter].map((value) => [filter, label, value]));
  dropBox.hidden = total > 0 || !chosen.length;
  dropList.replaceChildren(...chosen.map(([filter, label, value]) => {
    const item = element("li");
    const button = element("button", { type: "button", class: "link-button" },
      `Togli «${label}: ${value}»`);
    button.addEventListener("click", () => removeFilter(filter, value));
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
  buildFilters();
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
