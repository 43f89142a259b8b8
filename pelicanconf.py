"""Pelican settings for local work: relative URLs, so output/ opens from any folder or server root."""

import os

from collaborare.core import facets, kinds
from collaborare.core.files import EDITOR_BACKUP_PATTERNS
from collaborare.core.markup import MARKDOWN  # noqa: F401 - the checker uses the same
from collaborare.core.text import italian_date, page_numbers, plural, typographic_html

ROOT = os.path.dirname(os.path.abspath(__file__))

SITENAME = "Collaborare e partecipare"
SITESUBTITLE = "Esperienze di collaborazione e partecipazione nel welfare locale"
# The author of record in feeds; the people who wrote an entry are in its 'authors' field.
AUTHOR = "Redazione di Collaborare e partecipare"
SITEURL = ""
RELATIVE_URLS = True
# Absolute address for what must not be relative: feeds, open data, sitemap, canonical URLs.
SITEURL_ABSOLUTE = "http://localhost:8000"
DEFAULT_LANG = "it"
LOCALE = ("it_IT.UTF-8", "C.UTF-8", "")
TIMEZONE = "Europe/Rome"

# The repository where readers report corrections (the issue form
# .github/ISSUE_TEMPLATE/correzione.yml, linked from every entry). GitHub Actions sets
# GITHUB_REPOSITORY ("owner/name"); elsewhere DEFAULT_REPOSITORY_URL is used: change it
# when the repository moves.
DEFAULT_REPOSITORY_URL = "https://github.com/collaborare-e-partecipare/collaborare"
REPOSITORY_URL = (
    f"https://github.com/{os.environ['GITHUB_REPOSITORY']}"
    if os.environ.get("GITHUB_REPOSITORY")
    else DEFAULT_REPOSITORY_URL
)

PATH = os.path.join(ROOT, "content")
THEME = os.path.join(ROOT, "theme")
COLLECTION_ROOT = ROOT
COLLECTION_DATA = os.path.join(ROOT, "data")


def newest_first(article):
    """Order of every listing: newest publication date first, then by slug (stable)."""
    return (-article.date.toordinal(), article.slug)


ARTICLE_ORDER_BY = newest_first
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
JINJA_FILTERS = {
    "data_it": italian_date,
    "typo": typographic_html,
    "page_numbers": page_numbers,
    "plural": plural,
}
# The tables of kinds and facets (collaborare/core/kinds.py, facets.py), for every template.
JINJA_GLOBALS = {
    "kinds": kinds.BY_SLUG,
    "kinds_by_folder": kinds.BY_FOLDER,  # category.html: a category is a kind's folder
    "facets": facets.BY_NAME,
    "menu": facets.site_menu(pages=[("il-focus", "Il focus")]),
}

PLUGINS = [
    # parallel_writer first: its 'finalized' receiver writes the queued pages before the
    # strict build collects warnings and before the sitemap and search index read the pages.
    f"collaborare.plugins.{name}"
    for name in (
        "parallel_writer",
        "strict_build",
        "content_guard",
        "collection_reader",
        "quick_listings",
        "related",
        "facets",
        "feeds",
        "open_data",
        "search",
        "pictures",
        "images",
        "editorial_report",
        "discovery",
        "security_headers",
        "share_image",
        "fragments",
    )
]
# Share images (og:image, collaborare/plugins/share_image): a PNG drawn per entry for links shared on
# social media, so only the published site needs them (publishconf turns them on); local
# builds, the preview and the benchmark skip the 10 ms each costs.
SHARE_IMAGES = False
# The editors' report at /redazione/: local builds only (publishconf turns it off).
EDITORIAL_REPORT = True

# No inline script anywhere: scripts are files from the site itself; Pagefind's search runs
# WebAssembly, which needs 'wasm-unsafe-eval' (not 'unsafe-eval'). Pictures come only from
# the site (the check refuses images from other sites, which would track readers).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)

ARTICLE_PATHS = [kind.folder for kind in kinds.ENTRY_KINDS]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["immagini", "extra"]
# Editor backups (x.md~, .x.md.swp, #x.md#, .DS_Store) are never published; the check
# counts them (collaborare/core/files.py). Pelican's default ignores hidden files.
IGNORE_FILES = ["**/.*", ".*", *EDITOR_BACKUP_PATTERNS]
USE_FOLDER_AS_CATEGORY = True
DEFAULT_DATE_FORMAT = "%-d %B %Y"
# Typography (typogrify, then Italian elisions: collaborare/core/typography.py) is applied by our
# reader, in the build's worker processes; Pelican's own pass is off so it never runs twice.
TYPOGRIFY = False
COLLECTION_TYPOGRAPHY = True
TYPOGRIFY_DASHES = "oldschool"


# Clean Italian URLs: a folder with index.html for every page.
ARTICLE_URL = "{category}/{slug}/"
ARTICLE_SAVE_AS = "{category}/{slug}/index.html"
DRAFT_URL = "bozze/{slug}/"
DRAFT_SAVE_AS = "bozze/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "{slug}/"
CATEGORY_SAVE_AS = "{slug}/index.html"

# Pelican's own index, tag, author and archive pages are replaced by ours (collaborare/plugins/facets).
DIRECT_TEMPLATES = []
TAG_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None

DEFAULT_PAGINATION = 12
DEFAULT_ORPHANS = 0
# The kinds' listings (category) and the pages of the facets that say so (core/facets.py).
PAGINATED_TEMPLATES = {
    "category": None,
    **{facet.template: None for facet in facets.FACETS if facet.paginated},
}
# Page n of any listing lives at .../pagina/n/ (never Pelican's "tag2.html", which collides).
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/pagina/{number}/", "{base_name}/pagina/{number}/index.html"),
)

# Pelican's own feeds are off: collaborare/plugins/feeds writes ours (collection, kinds, facets).
FEED_ALL_ATOM = None
FEED_MAX_ITEMS = 40  # newest first: a feed is for following, /dati/ has everything
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = True
OUTPUT_RETENTION = [".git"]

MENU_PAGES = ["il-focus", "come-contribuire", "licenza-e-dati"]
