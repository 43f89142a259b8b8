"""Writes the site's security headers to a _headers file, for static hosts that read one."""

from __future__ import annotations

from pathlib import Path

from pelican import signals


def write_headers(pelican):
    settings = pelican.settings
    # frame-ancestors only works as a real header (browsers ignore it in a <meta>).
    policy = settings["CONTENT_SECURITY_POLICY"] + "; frame-ancestors 'none'"
    lines = [
        "/*",
        f"  Content-Security-Policy: {policy}",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "",
    ]
    (Path(pelican.output_path) / "_headers").write_text("\n".join(lines), encoding="utf-8")


def register():
    signals.finalized.connect(write_headers)
