"""Every message a contributor or an editor reads, in Italian, keyed by a stable code.

A check emits a code and named parameters (``Problem(path, line, field, "date.not_real",
value="2026-02-30")``); the text is written only here, so the wording can change in one place
and tests pin both the code and the exact Italian text. Codes are dotted: the kind of value
or the component first ("date.", "place.", "cli."), then what is wrong.

Templates use ``str.format`` with named fields; ``{value!r}`` quotes a value as Python does
('testo'). Numbers that can run into thousands are passed already formatted with
``number()`` (Italian: 1.000.000). Dates in messages are written AAAA-MM-GG, as in
CONTRIBUTING.md.

Adding a message: add its code and template here, emit the code, and pin the text in a test.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .text import plural

# -- the 'field' column of a problem when it is not a front-matter field ------------------
FIELD_FILE = "file"
FIELD_FILE_NAME = "nome del file"
FIELD_BODY = "testo"
FIELD_FRONT_MATTER = "intestazione"
FIELD_COMPLETENESS = "completezza"

# Endings shared by several messages.
_MARKDOWN_ONLY = (
    "scrivi il testo in Markdown (vedi CONTRIBUTING.md), senza script, stili, frame, "
    "moduli o gestori di eventi"
)
_YAML_HINT = (
    "controlla l'indentazione (solo spazi) e metti tra virgolette i valori che contengono "
    "': ' o iniziano con un simbolo"
)
_PARTIAL_DATE = "scrivi un anno (2023), un mese (2023-01) o un giorno (2023-01-15)"
# How to name a place to `invoke new` (--territory, or the question that asks for it).
_PLACES_HELP = (
    "il nome di un comune, di una provincia o di una regione (per esempio Bergamo, Monza e "
    "della Brianza, Lombardia), oppure nazionale; più luoghi separati da ';'. Si può anche "
    "scrivere comune=Samone,provincia=TO o area=Brianza,provincia=MB"
)

# Schema type names and the hint for each type, as a contributor reads them.
TYPE_NAMES = {
    "string": "testo",
    "integer": "un numero intero",
    "number": "un numero",
    "boolean": "true o false",
    "array": "un elenco",
    "object": "un gruppo di righe 'campo: valore'",
    "null": "niente",
}
VALUE_NAMES = {**TYPE_NAMES, "object": "un gruppo di campi"}
# The schema's x-vocabulary -> how a message names one of its terms.
VOCABULARY_NAMES = {"theme": "un tema noto", "actor type": "un tipo di soggetto noto"}
# What resolve_place calls each level, in «non è ... noto/a».
PLACE_NAMES = {
    "region": "una regione nota",
    "province": "una provincia o città metropolitana nota",
    "municipality": "un comune noto",
}

MESSAGES: dict[str, str] = {
    # -- the file itself (core/reading, core/files) -----------------------------------
    "file.too_large": "pesa {size} byte, al massimo {limit}; dividilo o togli i dati incorporati",
    "file.empty": (
        "è vuoto; scrivi i campi tra due righe '---', poi il testo "
        "(oppure esegui 'invoke new esperienza \"Titolo\"')"
    ),
    "file.not_utf8": "non è testo UTF-8 valido (byte 0x{byte}); salva il file in UTF-8",
    "file.outside_folders": (
        "non è in una cartella di contenuti; spostalo in {folders} o in content/pages/"
    ),
    "file.not_content": (
        "i file {suffix} non sono contenuti; scrivi le schede come file .md e metti le "
        "immagini in content/immagini/"
    ),
    "file.no_extension": (
        "i file senza estensione non sono contenuti; scrivi le schede come file .md e metti "
        "le immagini in content/immagini/"
    ),
    "file.symlink": (
        "è un collegamento simbolico (symlink), che il sito non pubblica; metti al suo posto "
        "il file vero, oppure toglilo"
    ),
    "file.not_regular": "non è un file normale; toglilo da content/",
    "file.svg": (
        "i file SVG non sono ammessi, perché possono contenere script; salva l'immagine come "
        "PNG o JPEG"
    ),
    "file.script_type": (
        "i file {suffix} non sono ammessi, perché possono eseguire script sul sito; scrivi una "
        "pagina in content/pages/ in Markdown"
    ),
    "file.type_not_allowed": "i file {suffix} non sono ammessi in content/{folder}/; usa {allowed}",
    "file.too_heavy": (
        "pesa {size} byte, al massimo {limit}; riducilo (per le immagini bastano 2.000 pixel "
        "di lato)"
    ),
    "file.wrong_signature": (
        "il contenuto non è un file {format} (l'estensione non corrisponde); salvalo di nuovo "
        "nel formato giusto"
    ),
    "filename.not_slug": (
        "{name!r} non è uno slug valido; rinominalo {proposal!r} (lettere minuscole, cifre e "
        "trattini)"
    ),
    "filename.not_slug_taken": (
        "{name!r} non è uno slug valido; {proposal!r} è già usato, quindi scegli un altro nome "
        "con lettere minuscole, cifre e trattini"
    ),
    "filename.duplicate_slug": (
        "lo slug {slug!r} è usato anche da {other}; rinomina uno dei due file"
    ),
    # -- front matter (core/frontmatter) ----------------------------------------------
    "frontmatter.missing": (
        "manca; inizia il file con una riga '---', poi i campi in YAML, poi un'altra riga '---'"
    ),
    "frontmatter.not_closed": (
        "non è chiusa; aggiungi una riga '---' dopo l'ultimo campo, prima del testo"
    ),
    "frontmatter.not_mapping": "deve essere fatta di righe 'campo: valore', una per riga",
    "yaml.invalid": "YAML non valido: {problem}; " + _YAML_HINT,
    "yaml.invalid_tabs": "YAML non valido: {problem}; indenta con spazi, non con tabulazioni",
    "yaml.unclosed_quote": (
        "YAML non valido: le virgolette aperte su questa riga non vengono mai chiuse "
        "({problem}); " + _YAML_HINT
    ),
    "yaml.unclosed_bracket": (
        "YAML non valido: la '[' di questa riga non viene mai chiusa ({problem}); " + _YAML_HINT
    ),
    "yaml.unclosed_brace": (
        "YAML non valido: la '{{' di questa riga non viene mai chiusa ({problem}); " + _YAML_HINT
    ),
    "yaml.alias": (
        "ancore e alias YAML (&nome, *nome) non sono ammessi; scrivi ogni valore per esteso"
    ),
    "field.duplicate": "compare due volte (la prima alla riga {first}); tienine una sola",
    # -- the body -------------------------------------------------------------------
    "body.empty": (
        "il testo dopo l'intestazione è vuoto; scrivi la scheda sotto la riga '---' di chiusura"
    ),
    "body.h1": "un titolo '# ' sarebbe un secondo titolo della pagina; inizia le sezioni con '## '",
    "body.render_budget": (
        "il testo richiede più di {seconds} secondi per essere impaginato, di solito per una "
        "lunga sequenza di [ * _ ` o < senza chiusura; togli i simboli ripetuti o dividi il testo"
    ),
    "body.render_budget_typography": (
        "il testo richiede più di {seconds} secondi per essere impaginato; accorcialo o dividilo"
    ),
    # Raw HTML (core/sanitize): each ends with how to write the text instead.
    "html.element": "l'elemento HTML <{tag}> non è ammesso; " + _MARKDOWN_ONLY,
    "html.attribute": "l'attributo {name!r} su <{tag}> non è ammesso; " + _MARKDOWN_ONLY,
    "html.scheme": "gli indirizzi {scheme}: non sono ammessi in <{tag}>; " + _MARKDOWN_ONLY,
    "html.image_without_alt": (
        "un'immagine senza testo alternativo: descrivila tra le parentesi quadre, "
        "![che cosa mostra](...); " + _MARKDOWN_ONLY
    ),
    "html.remote_image": (
        "le immagini da altri siti non sono ammesse; salva l'immagine in content/immagini/ e "
        "scrivi {{static}}/immagini/nome.jpg; " + _MARKDOWN_ONLY
    ),
    "html.reserved_id": (
        "l'id {id!r} è già usato dalla pagina intorno al testo; scegline un altro; "
        + _MARKDOWN_ONLY
    ),
    "html.duplicate_id": (
        "l'id {id!r} compare due volte; ogni id deve essere unico; " + _MARKDOWN_ONLY
    ),
    "html.attribute_dropped": (
        "l'attributo {name!r} su <{tag}> verrebbe tolto (il suo valore non è ammesso); "
        + _MARKDOWN_ONLY
    ),
    "html.malformed": (
        "questo HTML non è ben formato o nasconde qualcosa che il sito toglierebbe; "
        + _MARKDOWN_ONLY
    ),
    # Pelican's {filename}/{static}/{attach} links (core/links).
    "link.indicator": (
        "l'indicatore {{{what}}} non è ammesso; usa {{filename}} per le schede e le pagine, "
        "{{static}} per immagini e documenti"
    ),
    "link.outside": (
        "il collegamento {{{what}}}{value} porta fuori da {where}; collega solo file che "
        "stanno in {where}"
    ),
    "link.missing": (
        "il collegamento {{{what}}}{value} non porta a nessun file; scrivi il percorso di un "
        "file di content/, relativo a questo, per esempio {example}"
    ),
    "link.to_draft": (
        "il collegamento porta a {target}, che è una bozza e non viene pubblicata; toglilo "
        "finché quella scheda non è pubblicata"
    ),
    # Characters (core/characters).
    "char.control": (
        "contiene il carattere di controllo {codepoint}, che non può stare in un testo; cancellalo "
        "(arriva spesso copiando da un PDF o da un foglio di calcolo)"
    ),
    "char.invisible": (
        "contiene il carattere invisibile {codepoint}{name}, che nasconde, sposta o capovolge il "
        "testo; cancellalo"
    ),
    "char.other": "contiene {codepoint}, che non è un carattere di testo; cancellalo",
    # -- the schema (core/schema) -----------------------------------------------------
    "field.required": "campo obbligatorio mancante; {hint}",
    "field.required_plain": "campo obbligatorio mancante; aggiungi '{name}:'",
    "field.unknown": "campo sconosciuto; intendevi '{suggestion}'?",
    "field.unknown_list": "campo sconosciuto; i campi ammessi sono: {allowed}",
    "field.required_with": "obbligatorio quando c'è '{trigger}'",
    "field.image_alt_required": (
        "obbligatorio quando c'è '{trigger}'; descrivi l'immagine per chi non può vederla"
    ),
    "field.not_applicable": (
        "il campo non si applica a {kind}, che non ha luoghi, periodo né soggetti propri; "
        "toglilo (sono quelli delle esperienze che lo usano, elencate dal sito nella sua pagina)"
    ),
    "type.wrong": "atteso {expected}, trovato {found}; {hint}",
    "type.wrong_plain": "atteso {expected}, trovato {found}",
    "vocab.unknown": "{value!r} non è {what}; intendevi {suggestion!r}?",
    "vocab.unknown_list": (
        "{value!r} non è {what}; usa uno di: {allowed} (per proporne uno nuovo, vedi "
        "CONTRIBUTING.md)"
    ),
    "enum.not_allowed": "{value} non è ammesso; usa uno di: {allowed}",
    "enum.not_allowed_suggest": "{value} non è ammesso; usa uno di: {allowed}; intendevi {suggestion!r}?",
    "const.wrong": "deve essere {value}",
    "text.too_long": "{length} caratteri, al massimo {limit}; accorcialo di {excess}",
    "text.too_short": "troppo corto ({length} caratteri); scrivine almeno {limit}",
    "text.too_few_visible": (
        "ha solo {visible} caratteri visibili (gli spazi non contano); scrivine almeno {limit}"
    ),
    "text.html": "l'HTML non è ammesso qui; scrivi testo semplice (alla forma pensa il sito)",
    "list.empty": "l'elenco è vuoto; {hint}",
    "list.empty_plain": "l'elenco è vuoto; aggiungine almeno {limit}",
    "list.repeated": "{item!r} compare due volte; togli la ripetizione",
    "place.empty": "è vuoto; indica il luogo, per esempio 'comune: Catanzaro'",
    "pattern.mismatch": "{value!r} non è valido; {hint}",
    "pattern.mismatch_plain": "{value!r} non è valido; deve corrispondere a {pattern}",
    "schema.other": "non è valido secondo lo schema ({detail})",
    "schema.stale": "gli elenchi {names} sono diversi da {where}; esegui 'invoke schema'",
    "schema.stale_organizations": (
        "l'elenco delle organizzazioni è diverso da data/organizzazioni.yaml; esegui "
        "'invoke schema' e includi nel commit schema/entry.schema.json"
    ),
    # Hints the schema's x-hint stands for: by field (hint.field.*) or format (hint.format.*).
    "hint.field.title": "dai alla scheda un titolo breve, per esempio title: Genitori Adesso",
    "hint.field.summary": "scrivi un sommario in testo semplice di al massimo 300 caratteri",
    "hint.field.date": (
        "aggiungi il giorno in cui la scheda entra nella collezione, per esempio date: 2026-11-25"
    ),
    "hint.field.tags": "aggiungi almeno un tema di data/vocabolari/temi.yaml",
    "hint.field.territories": (
        "aggiungi almeno un luogo, per esempio '- comune: Catanzaro' o '- regione: Emilia-Romagna'"
    ),
    "hint.format.date": "scrivi la data come AAAA-MM-GG, per esempio 2026-11-25",
    "hint.format.partialDate": _PARTIAL_DATE,
    "hint.format.url": "scrivi l'indirizzo completo, che inizia con https://",
    "hint.format.httpsUrl": "scrivi l'indirizzo completo, che inizia con https://",
    "hint.format.slug": (
        "scrivi il nome del file della scheda senza .md, per esempio genitori-adesso"
    ),
    "hint.type.array": "scrivi un elemento per riga, ognuno preceduto da '- '",
    "hint.type.object": "scrivi i suoi campi nelle righe sotto, rientrati di due spazi",
    "hint.type.string": ("scrivilo come testo; mettilo tra virgolette se inizia con un simbolo"),
    # -- dates and periods (core/validation) ------------------------------------------
    "date.not_real": "{value!r} non è una data reale; scrivi AAAA-MM-GG, per esempio 2026-11-25",
    "date.implausible": (
        "{value} non è plausibile: è il giorno in cui la scheda entra nella collezione "
        "(o viene aggiornata), tra il {earliest} e oggi; correggi l'anno"
    ),
    "date.modified_before": (
        "{value} è prima della data di pubblicazione {date}; deve essere lo stesso giorno o "
        "un giorno successivo"
    ),
    "period.not_real": "{value!r} non è una data reale; " + _PARTIAL_DATE,
    "period.year_too_early": (
        "l'anno {year} non è plausibile per un'esperienza; scrivi un anno dal {earliest} in poi"
    ),
    "period.year_too_far": (
        "l'anno {year} è troppo lontano; scrivi una fine prevista solo se una fonte la indica"
    ),
    "period.end_and_ongoing": (
        "un periodo non può avere una fine ed essere in corso; togli 'end' oppure 'ongoing'"
    ),
    "period.end_before_start": "{end} è prima dell'inizio {start}",
    # -- pictures -----------------------------------------------------------------------
    "image.remote": (
        "un'immagine da un altro sito non è ammessa; salvala in content/immagini/ (se la "
        "licenza lo permette) e scrivi image: immagini/nome.jpg"
    ),
    "image.not_in_folder": (
        "{value!r} non è un'immagine di content/immagini/; mettila in quella cartella e scrivi "
        "il percorso così: image: immagini/nome.jpg"
    ),
    # -- places ---------------------------------------------------------------------------
    "place.national_alone": (
        "'nazionale: true' sta da solo; scrivi gli altri luoghi come elementi separati"
    ),
    "place.unknown": "{value!r} non è {what}; intendevi {suggestion!r}?",
    "place.unknown_spelling": "{value!r} non è {what}; controlla come è scritto",
    "place.province_not_in_region": (
        "{province!r} non è in {region!r} ma in {actual!r}; correggi 'regione' o 'provincia'"
    ),
    "place.municipality_not_in_province": "{name!r} non è un comune di {province!r}",
    "place.municipality_not_in_region": "{name!r} non è un comune di {region!r}",
    "place.municipality_ambiguous": (
        "{name!r} è il nome di un comune in più province ({sigle}); aggiungi "
        "'provincia: {first}' o quella giusta"
    ),
    "place.area_in_municipality": (
        "un'area sta in una provincia o in una regione, non in un comune; togli 'comune' "
        "oppure 'area'"
    ),
    "place.area_needs_where": (
        "l'area {area!r} deve dire dove si trova; aggiungi 'provincia: ...' o 'regione: ...' "
        "nella riga sotto"
    ),
    "place.which": (
        "indica quale luogo: 'comune', 'provincia', 'regione', 'area' o 'nazionale: true'"
    ),
    # -- pages ----------------------------------------------------------------------------
    "page.reserved_slug": (
        "{slug!r} è l'indirizzo di una sezione del sito; scegli un altro slug (o un altro nome "
        "di file) per questa pagina"
    ),
    "page.slug_taken": "la pagina {other} ha già l'indirizzo {slug!r}; scegline un altro",
    # -- links between entries --------------------------------------------------------
    "related.self": "una scheda non può essere collegata a se stessa; togli questo elemento",
    "related.unknown": ("{value!r} non è una scheda della collezione; intendevi {suggestion!r}?"),
    "related.unknown_plain": (
        "{value!r} non è una scheda della collezione; scrivi il nome del file di una scheda "
        "senza .md"
    ),
    "strumenti.in_strumento": (
        "uno strumento non usa altri strumenti; per collegarlo ad altri strumenti scrivili in "
        "'related'"
    ),
    "strumenti.unknown": (
        "{value!r} non è uno strumento della collezione; intendevi {suggestion!r}?"
    ),
    "strumenti.unknown_plain": (
        "{value!r} non è uno strumento della collezione; scrivi il nome di un file di "
        "content/strumenti/ senza .md"
    ),
    "strumenti.not_a_strumento": "{value!r} è {kind}, non uno strumento; spostalo in 'related'",
    "strumenti.draft": (
        "lo strumento {value!r} è una bozza e non viene pubblicato; toglilo finché non è "
        "pubblicato, oppure lascia in bozza anche questa scheda"
    ),
    # -- sources (core/sources) ---------------------------------------------------------
    "source.not_mapping": (
        "attesi i campi 'url', 'title' e 'publisher' su righe separate, il primo preceduto da '- '"
    ),
    "source.field_unknown": "campo sconosciuto; intendevi '{suggestion}'?",
    "source.field_unknown_list": "campo sconosciuto; i campi di una fonte sono {allowed}",
    "source.url_missing": (
        "campo obbligatorio mancante; scrivi l'indirizzo completo della fonte, che inizia "
        "con https://"
    ),
    "source.url_not_https": (
        "{value!r} non è un indirizzo https; usa l'indirizzo completo che inizia con https:// "
        "(se la pagina si apre anche con https, copia quello)"
    ),
    "source.url_repeated": ("lo stesso indirizzo è già in sources[{first}]; togli la ripetizione"),
    "source.title_missing": (
        "campo obbligatorio mancante; scrivi il titolo della pagina o del documento"
    ),
    "source.title_short": (
        "deve essere un testo di almeno 2 caratteri: il titolo della pagina o del documento"
    ),
    "source.publisher_missing": (
        "campo obbligatorio mancante; scrivi chi pubblica la fonte (un giornale, un ente, "
        "l'organizzazione stessa)"
    ),
    "source.publisher_short": (
        "deve essere un testo di almeno 2 caratteri: chi pubblica la fonte (un giornale, un "
        "ente, l'organizzazione stessa)"
    ),
    "source.date_not_real": "{value!r} non è una data valida; scrivi un anno (2024), un mese "
    "(2024-01) o un giorno (2024-01-15)",
    "sources.none": (
        "{what} deve citare almeno {amount} e non ne cita nessuna; aggiungi 'sources:' con "
        "url, title e publisher di ciascuna (vedi CONTRIBUTING.md), oppure spiega in "
        "'sources_note' perché non ce ne sono, oppure {leave} in bozza con 'status: draft'"
    ),
    "sources.too_few": (
        "{what} deve citare almeno {amount}, questa ne cita {count}; aggiungi {more} con url, "
        "title e publisher, oppure spiega in 'sources_note' perché non ce ne sono altre"
    ),
    "completeness.below_partial": (
        "una scheda pubblicata deve essere almeno «parziale», questa è «da completare»; "
        "aggiungi almeno uno tra: {missing} (oppure lasciala in bozza con 'status: draft')"
    ),
    # -- an entry's organisations (core/organizations) --------------------------------
    "organization.not_mapping": (
        "attesi i campi 'org' e 'role' su righe separate, ad esempio "
        "'- org: slug-organizzazione' e sotto '  role: partner'"
    ),
    "organization.legacy_known": (
        "'name' e 'type' non si usano più; scrivi 'org: {slug}' (lo slug di "
        "data/organizzazioni.yaml) e 'role:' con uno di: {roles}"
    ),
    "organization.legacy": (
        "'name' e 'type' non si usano più; scrivi 'org:' con lo slug di un'organizzazione di "
        "data/organizzazioni.yaml (se non c'è, aggiungila: vedi CONTRIBUTING.md) e 'role:' "
        "con uno di: {roles}"
    ),
    "organization.field_unknown": (
        "campo sconosciuto; per ogni organizzazione si scrivono solo 'org' e 'role': nome, "
        "tipo e sito stanno in data/organizzazioni.yaml"
    ),
    "organization.org_missing": (
        "campo obbligatorio mancante; scrivi lo slug di un'organizzazione di "
        "data/organizzazioni.yaml"
    ),
    "organization.unknown": "{value!r} non è un'organizzazione nota; intendevi {suggestion!r}?",
    "organization.unknown_plain": (
        "{value!r} non è un'organizzazione nota; usa lo slug di un'organizzazione di "
        "data/organizzazioni.yaml, o aggiungila lì (vedi CONTRIBUTING.md)"
    ),
    "organization.role_missing": "campo obbligatorio mancante; scrivi il ruolo, uno di: {roles}",
    "organization.role_unknown": "{value!r} non è un ruolo noto; intendevi {suggestion!r}?",
    "organization.role_unknown_list": "{value!r} non è un ruolo noto; usa uno di: {roles}",
    "organization.repeated": (
        "{slug!r} è già indicata con il ruolo {role!r} in organizations[{first}]; togli la "
        "ripetizione"
    ),
    # -- data/organizzazioni.yaml (core/organizations) --------------------------------
    "orgfile.yaml": "YAML non valido: {problem}; " + _YAML_HINT,
    "orgfile.not_list": (
        "deve essere un elenco di organizzazioni, ognuna su righe che iniziano con '- slug: ...'"
    ),
    "orgfile.duplicate": "compare due volte (la prima alla riga {first}); tienine una sola",
    "orgfile.not_mapping": (
        "attesi i campi 'slug', 'name' e 'type' su righe separate, il primo preceduto da '- '"
    ),
    "orgfile.field_unknown": "campo sconosciuto; intendevi '{suggestion}'?",
    "orgfile.field_unknown_list": (
        "campo sconosciuto; i campi ammessi sono slug, name, type, url, aliases"
    ),
    "orgfile.slug_missing": (
        "campo obbligatorio mancante; scrivi uno slug (lettere minuscole, cifre e trattini), "
        "ad esempio 'slug: {example}'"
    ),
    "orgfile.slug_invalid": (
        "{slug!r} non è uno slug valido; usa lettere minuscole, cifre e trattini, ad esempio "
        "{example!r}"
    ),
    "orgfile.slug_taken": (
        "lo slug {slug!r} è già usato alla riga {first}; ogni organizzazione ha uno slug diverso"
    ),
    "orgfile.name_missing": (
        "campo obbligatorio mancante; scrivi il nome come lo scrive l'organizzazione, ad "
        "esempio 'name: Legacoopsociali'"
    ),
    "orgfile.type_missing": (
        "campo obbligatorio mancante; scrivi un tipo di soggetto di "
        "data/vocabolari/soggetti.yaml: {allowed}"
    ),
    "orgfile.type_unknown": "{value!r} non è un tipo di soggetto noto; intendevi {suggestion!r}?",
    "orgfile.type_unknown_list": "{value!r} non è un tipo di soggetto noto; usa uno di: {allowed}",
    "orgfile.url": (
        "{value!r} non è un indirizzo https; scrivi l'indirizzo completo del sito, che inizia "
        "con https://, oppure togli 'url'"
    ),
    "orgfile.aliases": "deve essere un elenco di nomi, uno per riga, ognuno preceduto da '- '",
    # -- the command line, the build and the tasks (not problems of a file) ----------
    "cli.file_not_found": (
        "{path}: file non trovato; indica il percorso di una scheda, per esempio "
        "content/esperienze/nome-della-scheda.md"
    ),
    "cli.problems_found": ("{count} da correggere; correggili e ripeti 'invoke check'."),
    "cli.ok": "OK: nessun problema in {count}.",
    "cli.publish_needs_siteurl": (
        "Manca l'indirizzo del sito: imposta SITEURL, per esempio "
        "SITEURL=https://org.github.io/collaborare invoke publish"
    ),
    "build.failed": "Costruzione non riuscita: {count}; {output} è rimasta com'era.",
    "build.summary": (
        "Costruite {pages} pagine in {output} da {files}: {experiences}, {reflections}, "
        "{strumenti}, {pages_of_text}."
    ),
    "build.draft": "Bozza, non pubblicata: {source}",
    "build.not_replaced": (
        "{output} non è stata sostituita dalla nuova costruzione ({error}); ripeti la costruzione"
    ),
    "build.static_refused": (
        "{path}: questo file non può essere pubblicato (si pubblicano solo le immagini di "
        "content/immagini/ e i documenti di content/extra/)"
    ),
    "build.search_failed": "Pagefind non è riuscito a indicizzare il sito: {detail}",
    "build.page_missing": "{source}: non è stata scritta nessuna pagina in /{url}",
    "build.draft_missing": "{source}: l'anteprima della bozza /bozze/{slug}/ non è stata scritta",
    "preview.listed_first": (
        "{time} pagina della scheda ed elenchi aggiornati in {seconds} s ({pages} pagine); "
        "ora il resto del sito"
    ),
    "preview.rebuilt": "{time} ricostruito in {seconds} s{reused}: {summary}",
    "preview.reused_text": (
        " (è cambiato solo il testo di una scheda: riscritte la sua pagina e i feed)"
    ),
    "preview.reused_pages": " ({count} pagine invariate mantenute)",
    "preview.failed": "{time} costruzione non riuscita; il browser mostra i problemi.",
    "preview.search_updated": "{time} indice di ricerca aggiornato in {seconds} s",
    "preview.code_changed": "{path} è cambiato: riavvio l'anteprima per caricare il nuovo codice",
    "preview.port_busy": (
        "La porta {port} è già in uso (forse da un'altra anteprima): chiudila con Ctrl+C "
        "oppure scegli un'altra porta, per esempio invoke preview --port {next}"
    ),
    "preview.serving": (
        "Anteprima su http://localhost:{port}/ : si ricostruisce e si ricarica a ogni "
        "salvataggio (Ctrl+C la ferma)"
    ),
    "preview.stopped": "Anteprima fermata.",
    "linkcheck.no_site": "Nessun sito in {folder}: esegui prima 'invoke build'.",
    "linkcheck.no_file": "nessun file a questo indirizzo",
    "linkcheck.no_fragment": "nessun elemento con id {fragment!r} in {page}",
    "linkcheck.summary": (
        "{internal} collegamenti interni controllati, {broken} rotti; {external} collegamenti "
        "esterni (non aperti):"
    ),
    "tasks.build_done": "Apri {index} oppure esegui 'invoke preview' per http://localhost:{port}/",
    "tasks.new_wrote": "Scritto {path}",
    "tasks.new_passes": (
        "Supera 'invoke check'. Scrivi il testo, poi guardalo con 'invoke preview'."
    ),
    "tasks.clean_done": "Tolte output/, .cache/ e le cartelle lasciate da costruzioni interrotte",
    "tasks.schema_done": "Aggiornato {path}",
    "tasks.bench_recorded": "Registrato in {path} e in docs/{chart}",
    # -- `invoke new` (core/scaffold.py): questions, wrong answers, next steps --------
    # Lists ({kinds}, {themes}, {listed}...) arrive already built, one item a line or
    # joined by ', '.
    "scaffold.ask_kind": "Che tipo di scheda? {kinds}",
    "scaffold.ask_slug": "Come si chiama il file? (minuscole, cifre e trattini, senza .md)",
    "scaffold.ask_summary": (
        "Sommario: una o due frasi in testo semplice (da {min} a {max} caratteri)."
    ),
    "scaffold.ask_tags": "Temi: uno o più, separati da virgole. Temi ammessi:\n{themes}",
    "scaffold.ask_date": "Giorno in cui la scheda entra nella collezione (AAAA-MM-GG)?",
    "scaffold.ask_places": "Dove? Scrivi " + _PLACES_HELP + ".",
    "scaffold.ask_places_optional": (
        "Dove? Scrivi " + _PLACES_HELP + ". Lascia vuoto se la scheda non ha un luogo."
    ),
    "scaffold.ask_actors": (
        "Tipi di soggetto coinvolti: uno o più, separati da virgole (lascia vuoto se non "
        "li sai ancora). Valori ammessi:\n{types}"
    ),
    "scaffold.ask_status": "Stato: draft (bozza) o published?",
    "scaffold.ask_place_choice": "«{value}» può essere più di un luogo:\n{listed}\nQuale? (il numero)",
    # The places a name can be, in the numbered list of ask_place_choice / place_ambiguous.
    "scaffold.choice_municipality": "il comune di {name} ({province})",
    "scaffold.choice_province": "{article}{kind} di {name}",
    "scaffold.choice_region": "la regione {name}",
    "scaffold.or": " oppure ",
    # A wrong answer, explained before the question is asked again; a wrong option.
    "scaffold.retry": "{problem}{stop} Riprova.",
    "scaffold.option": "--{option}: {problem}",
    "scaffold.missing": "manca --{option}: {what}",
    "scaffold.missing_tag": (
        "un tema, per esempio --tag coesione-sociale (ripeti --tag per altri); temi "
        "ammessi: {themes}"
    ),
    "scaffold.missing_place": "un luogo, per esempio --territory Bergamo; scrivi " + _PLACES_HELP,
    "scaffold.interrupted": "interrotto: nessun file scritto",
    "scaffold.did_you_mean": "intendevi «{close}»?",
    "scaffold.choose_from_list": "scegli dall'elenco",
    "scaffold.write_places": "scrivi " + _PLACES_HELP,
    "scaffold.kind": "«{value}» non è un tipo di scheda ammesso; {advice}scrivi uno di: {allowed}",
    "scaffold.status": "«{value}» non è uno stato ammesso; {advice}scrivi uno di: {allowed}",
    "scaffold.strumento_places": (
        "uno strumento non ha luoghi né tipi di soggetto (li hanno le esperienze che lo "
        "usano): togli --territory e --actor"
    ),
    "scaffold.slug": (
        "«{value}» non va bene come nome di file: usa minuscole, cifre e trattini{example}"
    ),
    "scaffold.slug_example": " (per esempio «{proposal}»)",
    "scaffold.exists": (
        "{path} esiste già; scegli un altro titolo o un altro nome di file (--slug)"
    ),
    "scaffold.summary_html": "il sommario è testo semplice: togli i tag HTML",
    "scaffold.summary_long": "il sommario ha {length} caratteri, al massimo {limit}; accorcialo",
    "scaffold.summary_short": "il sommario ha {length} caratteri; scrivine almeno {limit}",
    "scaffold.theme": "«{value}» non è un tema ammesso; {advice}",
    "scaffold.theme_empty": "scrivi almeno un tema, dall'elenco",
    "scaffold.actor": "«{value}» non è un tipo di soggetto ammesso; {advice}",
    "scaffold.date": "«{value}» non è una data; scrivi AAAA-MM-GG, per esempio 2026-11-25",
    "scaffold.place_empty": "scrivi almeno un luogo: " + _PLACES_HELP,
    "scaffold.place_unknown": (
        "«{value}» non è un comune, una provincia o una regione italiana; {advice}"
    ),
    "scaffold.place_ambiguous": (
        "«{value}» può essere più di un luogo:\n{listed}\nscrivi quale, come {forms}"
    ),
    "scaffold.choice": "scrivi un numero da 1 a {count}",
    "scaffold.place_pairs": (
        "«{value}»: scrivi coppie chiave=valore con le chiavi {keys}, per esempio "
        "comune=Catanzaro o area=Brianza,provincia=MB; oppure solo il nome del luogo, o "
        "nazionale"
    ),
    "scaffold.place": "«{value}»: {problem}",
    # What `invoke new` prints once the file is written.
    "scaffold.next_steps": (
        "Scritto {path} ({state}).\n"
        "Passi successivi:\n"
        "  1. scrivi il testo e completa i campi (quelli facoltativi sono commentati, con i "
        "valori ammessi);\n"
        "  2. controlla la scheda: invoke check {path}\n"
        "  3. guardala nel sito: invoke preview, poi apri http://localhost:8000{where}\n"
        "Quando è pronta, cambia 'status: draft' in 'status: published' (CONTRIBUTING.md, "
        "«Dalla bozza alla pubblicazione»)."
    ),
    "scaffold.state_draft": "bozza, non pubblicata",
    "scaffold.state_published": "pubblicata",
    # -- an entry's picture (core/images.py), at the line of 'image' -------------------
    "image.alt_missing": (
        "manca il testo alternativo dell'immagine: aggiungi sotto 'image' una riga "
        "'image_alt: ...' che dica in una frase che cosa mostra, per chi non la vede"
    ),
    "image.credit_missing": (
        "mancano i crediti dell'immagine: aggiungi sotto 'image' una riga "
        "'image_credit: ...' con autore e licenza, ad esempio «Foto di Maria Rossi, CC BY 4.0»"
    ),
    "image.refused": "content/{image} non si può pubblicare: {reason}",
    "image.missing_suggest": "il file content/{image} non esiste; intendevi {close!r}?",
    "image.missing": (
        "il file content/{image} non esiste; controlla il nome (maiuscole comprese) o "
        "aggiungi l'immagine in content/immagini/"
    ),
    "image.symlink": "è un collegamento simbolico (symlink); metti al suo posto il file vero",
    "image.not_file": "non è un file",
    "image.hidden": (
        "i file nascosti (il cui nome inizia con un punto) non sono pubblicati; rinominalo"
    ),
    "image.wrong_extension": (
        "il contenuto di content/{image} è un'immagine {shown}, non {suffix}; rinominala con "
        "l'estensione giusta"
    ),
    "image.bomb": "è troppo grande; al massimo {limit} pixel per lato",
    "image.unreadable": (
        "content/{image} non è un'immagine JPEG, PNG, GIF, WebP o AVIF leggibile (il "
        "contenuto non corrisponde al formato, oppure il file è danneggiato o incompleto); "
        "salvala di nuovo da un programma di grafica"
    ),
    "image.gps": (
        "contiene la posizione GPS in cui è stata scattata, che il file originale "
        "pubblicherebbe; toglila (nei programmi di foto: «Rimuovi posizione»; oppure "
        "exiftool -gps:all= nome.jpg) e salva di nuovo"
    ),
    "image.animated": (
        "le immagini animate non sono ammesse (distraggono e non si possono fermare); "
        "salva un solo fotogramma come PNG o JPEG"
    ),
    "image.too_large": (
        "misura {width}×{height} pixel, al massimo {limit} per lato; riducila (per il sito "
        "bastano 2000 pixel di larghezza)"
    ),
    "image.too_small": (
        "è larga {width} pixel, almeno {limit}: apparirebbe sgranata; usa un'immagine più grande"
    ),
    # -- placeholders of a published text (core/placeholders.py) ----------------------
    "placeholder.value": (
        "«{value}» è un valore d'esempio, non un dato della scheda; scrivi il valore vero "
        "oppure togli il campo (una bozza, con 'status: draft', può tenerlo)"
    ),
    "placeholder.url": (
        "«{url}» è un indirizzo d'esempio; scrivi l'indirizzo https vero, copiato dalla barra "
        "del browser (una bozza, con 'status: draft', può tenerlo)"
    ),
    "placeholder.text": (
        "«{text}» è un segnaposto; sostituiscilo con il testo vero della scheda (una bozza, "
        "con 'status: draft', può tenerlo)"
    ),
    "placeholder.empty_section": (
        "la sezione «{heading}» è vuota; scrivi il testo sotto il titolo oppure togli la riga "
        "'{marks} {heading}' (una bozza, con 'status: draft', può tenerla)"
    ),
    # -- plain internal links of a body (core/internal_links.py) -----------------------
    "link.internal_missing": (
        "il collegamento {link}{resolved} non porta a nessuna pagina del sito; {advice}"
    ),
    "link.internal_draft": (
        "il collegamento {link} porta a una bozza, che non viene pubblicata; toglilo finché "
        "quella scheda non è pubblicata"
    ),
    "link.internal_advice_close": "intendevi /{close}?",
    "link.internal_advice_none": "scrivi l'indirizzo di una scheda (/esperienze/nome-del-file/), di una pagina o di un tema, luogo o soggetto che compare in una scheda pubblicata",
    # -- the vocabularies of data/ (core/vocab.py) -------------------------------------
    "data.missing": "manca il file {path}: ripristinalo dal repository (git checkout -- {path})",
    "data.unreadable": (
        "{where}: il file non è YAML valido in UTF-8; controlla l'indentazione (solo spazi) "
        "e le virgolette, oppure ripristinalo dal repository"
    ),
    "data.not_list": (
        "{path} deve essere un elenco di voci, ognuna preceduta da '- ' e fatta di righe "
        "'campo: valore'"
    ),
    # -- editor backups the check and the build leave out (core/files.py) --------------
    "files.editor_backups": (
        "Ignorati {count} file di backup dell'editor, che non vengono pubblicati: {where}"
    ),
}

# Nouns with their plural, for counts in messages: "1 pagina", "2 pagine".
NOUNS = {
    "problem": ("problema", "problemi"),
    "content file": ("file di contenuto", "file di contenuto"),
    "experience": ("esperienza", "esperienze"),
    "reflection": ("riflessione", "riflessioni"),
    "strumento": ("strumento", "strumenti"),
    "page": ("pagina", "pagine"),
}


def render(code: str, /, **params) -> str:
    """The Italian text of ``code`` with its parameters filled in."""
    return MESSAGES[code].format(**params)


def count(amount: int, noun: str) -> str:
    """'1 problema', '3 problemi': ``noun`` is a key of NOUNS."""
    one, many = NOUNS[noun]
    return f"{number(amount)} {plural(amount, one, many, counted=False)}"


def number(amount: int) -> str:
    """An integer as Italian writes it: 1.000.000."""
    return f"{amount:,}".replace(",", ".")


@dataclass(frozen=True)
class Message:
    """A code and its parameters, not yet placed in a file: what helpers return to the
    checker, which adds the path, line and field (see problems.Problem)."""

    code: str
    params: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.code not in MESSAGES:
            raise KeyError(f"no message for code {self.code!r}: add it to core/messages.py")

    def __str__(self) -> str:
        return render(self.code, **self.params)


def message(code: str, /, **params) -> Message:
    return Message(code, params)
