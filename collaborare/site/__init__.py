"""The site layer: drives Pelican to build, preview and index the collection."""
