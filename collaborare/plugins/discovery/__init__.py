"""Helps readers and search engines find pages: sitemap, robots.txt, 404 page, canonical and JSON-LD."""

from __future__ import annotations

import json
import os
import re
from functools import partial
from pathlib import Path
from urllib.parse import quote, urlparse
from xml.sax.saxutils import escape

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from collaborare.site.incremental import html_files
from collaborare.site.runtime import Runtime

NOINDEX = re.compile(r'<meta name="robots" content="[^"]*noindex', re.I)
LASTMOD = re.compile(r'<html[^>]* data-lastmod="(\d{4}-\d{2}-\d{2})"')
SITEMAP_HEAD = 4096  # characters of a page where the two above are looked for
# Read by the preview (collaborare/site/incremental/fingerprints.py): pages without a date
# of their own carry the newest content date.
CONTEXT_KEYS = {"sitemap_newest": str}


def json_ld(data) -> Markup:
    """A JSON-LD block, safe inside <script>: '<' is escaped so no '</script>' can close it."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def place_ld(place, site: str) -> dict:
    if place.level == "nazionale":
        return {"@type": "Country", "name": "Italia"}
    url = f"{site}/{place.chain[-1][1]}" if place.chain else None
    kind = {"comune": "City", "provincia": "AdministrativeArea", "regione": "AdministrativeArea"}
    data = {"@type": kind.get(place.level, "Place"), "name": place.label}
    if url and place.level != "area":
        data["url"] = url
    if place.region and place.level != "regione":
        data["containedInPlace"] = {"@type": "AdministrativeArea", "name": place.region.label}
    return data


def organization_ld(org) -> dict:
    return {"@type": "Organization", "name": org.name, **({"url": org.url} if org.url else {})}


# Roles (data/vocabolari/ruoli.yaml) as schema.org properties of the experience, described
# as a Project (an Organization subtype, so it takes these properties): the funder and the
# sponsor are the same notions; a promoter started the initiative, which is what 'founder'
# says of an organisation. 'capofila' (the lead), 'partner' and 'rete' have no property of
# their own: they are 'member's with an OrganizationRole naming the role, as schema.org
# lets a Role stand in for a value. Article properties would be wrong: the funder of the
# experience did not fund our entry.
ROLE_PROPERTIES = {"finanziatore": "funder", "sostenitore": "sponsor", "promotore": "founder"}


def project_ld(entry) -> dict:
    project = {"@type": "Project", "name": entry.title}
    for org in entry.organizations:
        prop = ROLE_PROPERTIES.get(org.role.slug)
        if prop:
            value = organization_ld(org)
        else:
            prop = "member"
            value = {
                "@type": "OrganizationRole",
                "roleName": org.role.label,
                "member": organization_ld(org),
            }
        project.setdefault(prop, []).append(value)
    return project


def source_ld(source) -> dict:
    data = {
        "@type": "CreativeWork",
        "url": source.url,
        "name": source.title,
        "publisher": {"@type": "Organization", "name": source.publisher},
    }
    if source.date:
        data["datePublished"] = source.date
    return data


_HOW_SECTION = re.compile(
    r"<h2[^>]*>\s*Come si conduce\s*</h2>(?P<section>.*?)(?=<h2|\Z)", re.S | re.I
)
_STEPS = re.compile(r"<ol[^>]*>(?P<list>.*?)</ol>", re.S)
_ITEM = re.compile(r"<li[^>]*>(?P<item>.*?)</li>", re.S)


def strumento_steps(content: str) -> list[str]:
    """The steps of a strumento: the items of the first numbered list of its «Come si
    conduce» section (plain text), or [] if that section has none."""
    section = _HOW_SECTION.search(content or "")
    steps = _STEPS.search(section.group("section")) if section else None
    if not steps:
        return []
    items = (Markup(m.group("item")).striptags() for m in _ITEM.finditer(steps.group("list")))
    return [item for item in items if item]


def article_ld(article, site: str) -> Markup:
    """schema.org Article for an entry: places as about/spatialCoverage, organisations as
    mentions and (experiences) as the roles of a Project it is about, sources as citation."""
    entry = article.entry
    url = f"{site}/{entry.url}"
    places = [place_ld(place, site) for place in entry.places]
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": Markup(article.title).striptags(),
        "description": entry.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": "it",
        "datePublished": entry.date.isoformat(),
        "dateModified": (entry.modified or entry.date).isoformat(),
        "keywords": [theme.label for theme in entry.themes],
        "isPartOf": {"@type": "WebSite", "name": article.settings["SITENAME"], "url": f"{site}/"},
        "license": "https://creativecommons.org/licenses/by/4.0/",
    }
    if places:
        data["spatialCoverage"] = places
        data["about"] = places
    if entry.organizations:
        data["mentions"] = list(
            {org.slug: organization_ld(org) for org in entry.organizations}.values()
        )
        if entry.kind == "esperienza":
            data["about"] = [*data.get("about", []), project_ld(entry)]
    if entry.sources:
        data["citation"] = [source_ld(source) for source in entry.sources]
    if entry.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in entry.authors]
    if entry.period:
        data["temporalCoverage"] = f"{entry.period.start}/{entry.period.end or '..'}"
    picture = getattr(article, "picture", None)
    if picture:  # plugins/images; its credit names its own licence, not the entry's
        data["image"] = {
            "@type": "ImageObject",
            "contentUrl": f"{site}/{picture.largest.fallback}",
            "width": picture.largest.width,
            "height": picture.largest.height,
            "description": picture.alt,
            "creditText": picture.credit,
        }
    if entry.kind == "strumento":
        # A strumento describes a way of doing things: a HowTo when its «Come si conduce»
        # section numbers the steps (schema.org's HowTo needs 'step'), else a CreativeWork:
        # Article would say it reports news, and a HowTo without steps is an incomplete one.
        steps = strumento_steps(article.content)
        data["@type"] = "HowTo" if steps else "CreativeWork"
        data["name"] = data["headline"]
        if steps:
            data["step"] = [
                {"@type": "HowToStep", "position": index, "text": text}
                for index, text in enumerate(steps, start=1)
            ]
    return json_ld(data)


def breadcrumbs_ld(trail, current_label: str, current_url: str, site: str) -> Markup:
    """schema.org BreadcrumbList: Home, each step of ``trail``, then the current page."""
    steps = [("Home", ""), *trail, (current_label, current_url)]
    return json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": index,
                    "name": str(label),
                    "item": f"{site}/{url}",
                }
                for index, (label, url) in enumerate(steps, start=1)
            ],
        }
    )


def page_url(output_file: str) -> str:
    """Site path of a written file: 'temi/x/index.html' -> 'temi/x/'."""
    return output_file[: -len("index.html")] if output_file.endswith("index.html") else output_file


def add_filters(generator):
    generator.env.filters.update(
        {
            "article_ld": article_ld,
            "breadcrumbs_ld": breadcrumbs_ld,
            "page_url": page_url,
            # A value inside a query string: every reserved character encoded ('/' and ':' too).
            "url_param": lambda value: quote(str(value), safe=""),
        }
    )
    generator.env.globals["page_lastmod"] = page_lastmod


@pass_context
def page_lastmod(context):
    """The newest content date a page shows: its entry, the entries it lists, or the
    newest of the collection. Written into each page (<html data-lastmod>), where the
    sitemap reads it back, whichever process wrote the page."""
    article = context.get("article")
    if article is not None and hasattr(article, "entry"):
        return (article.entry.modified or article.entry.date).isoformat()
    listed = context.get("articles_page")
    articles = listed.object_list if listed is not None else None
    if not articles and context.get("listing") is not None:
        articles = getattr(context["listing"], "entries", None)  # an organisation's page
    if articles:
        return max(a.entry.modified or a.entry.date for a in articles).isoformat()
    page = context.get("page")
    if page is not None and getattr(page, "modified", None):
        return page.modified.date().isoformat()
    newest = context.get("sitemap_newest")
    return newest.isoformat() if newest else ""


class DiscoveryGenerator(Generator):
    def generate_output(self, writer):
        absolute = self.settings["SITEURL_ABSOLUTE"].rstrip("/")
        # 404 is served at any depth and on any host name: root-relative links
        # ("/collaborare/temi/" for a site published under /collaborare) work everywhere.
        writer.write_file(
            "404.html",
            self.get_template("404"),
            self.context,
            relative_urls=False,
            SITEURL=urlparse(absolute).path.rstrip("/"),
        )
        # Pages and feeds are only queued yet: the folder may not exist in a plain Pelican run.
        Path(self.output_path).mkdir(parents=True, exist_ok=True)
        (Path(self.output_path) / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\n\nSitemap: {absolute}/sitemap.xml\n", encoding="utf-8"
        )


def find_newest(generators):
    """The newest content date, computed once before any page is written."""
    for generator in generators:
        if isinstance(generator, DiscoveryGenerator):
            collection = generator.context.get("collection") or {}
            everything = collection.get("experiences", []) + collection.get("reflections", [])
            generator.context["sitemap_newest"] = max(
                (a.entry.modified or a.entry.date for a in everything), default=None
            )


def sitemap_line(relative: str, text: str, absolute: str) -> str | None:
    """A page's line in the sitemap, from its text (only the head is looked at); None for a
    page search engines are not to index."""
    head = text[:SITEMAP_HEAD]
    if relative == "404.html" or NOINDEX.search(head):
        return None
    lastmod = LASTMOD.search(head)
    return (
        f"  <url><loc>{escape(absolute + '/' + page_url(relative))}</loc>"
        + (f"<lastmod>{lastmod.group(1)}</lastmod>" if lastmod else "")
        + "</url>"
    )


def _sitemap_line(path: str, relative: str, absolute: str) -> str | None:
    with open(path, encoding="utf-8") as stream:
        return sitemap_line(relative, stream.read(SITEMAP_HEAD), absolute)


def note_sitemap_lines(pelican):
    """The writers note each page's sitemap line as they write it (Runtime.page_noter)."""
    absolute = pelican.settings["SITEURL_ABSOLUTE"].rstrip("/")
    Runtime.of(pelican.settings).page_noter = partial(sitemap_line, absolute=absolute)


def write_sitemap(pelican):
    """Every indexable HTML page of the build, with the date of its newest content."""
    output = str(Path(pelican.output_path).resolve())
    absolute = pelican.settings["SITEURL_ABSOLUTE"].rstrip("/")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    runtime = Runtime.of(pelican.settings)
    runtime.html_files = html_files(Path(output))
    noted = runtime.page_notes
    if runtime.page_cache is None:
        found = (
            noted[name]
            if name in noted
            else _sitemap_line(os.path.join(output, name), name, absolute)
            for name in runtime.html_files
        )
    else:
        found = _remembered_lines(
            runtime.page_cache.pages, output, runtime.html_files, absolute, noted
        )
    lines.extend(line for line in found if line)
    lines.append("</urlset>")
    Path(output, "sitemap.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _remembered_lines(pages, output: str, names: list[str], absolute: str, noted: dict):
    """Each file's line: noted as it was written in this build, else remembered from the
    last one if the file has not changed since (by inode and ctime, which any rewrite
    changes), else read: the preview's in-place builds keep most pages."""
    remembered, pages.sitemap = pages.sitemap, {}
    for name in names:
        path = os.path.join(output, name)
        info = os.stat(path)
        signature = (info.st_ino, info.st_ctime_ns)
        line = remembered.get(name, (None, None))
        if name in noted:
            line = (signature, noted[name])
        elif line[0] != signature:
            line = (signature, _sitemap_line(path, name, absolute))
        pages.sitemap[name] = line
        yield line[1]


def get_generators(pelican):
    return DiscoveryGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
    signals.all_generators_finalized.connect(find_newest)
    signals.initialized.connect(note_sitemap_lines)
    signals.finalized.connect(write_sitemap)
