"""Our Pelican plugins, one package each, listed by module name in pelicanconf.PLUGINS."""
