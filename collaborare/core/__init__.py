"""The content model, free of Pelican: reading, checking and rendering entries."""
