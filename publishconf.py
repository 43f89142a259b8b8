"""Pelican settings for production: absolute URLs from SITEURL in the environment, feeds on."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *

# The published address, e.g. https://org.github.io/collaborare (no trailing slash).
SITEURL = os.environ.get("SITEURL", "https://collaborare.example.org").rstrip("/")
RELATIVE_URLS = False

SITEURL_ABSOLUTE = SITEURL

# Drafts and the editors' report are for the preview only.
DRAFT_SAVE_AS = ""
EDITORIAL_REPORT = False
SHARE_IMAGES = True  # og:image for links to the published site
DELETE_OUTPUT_DIRECTORY = True
