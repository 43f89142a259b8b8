import sys

from .core.forking import freeze_for_exit
from .site.cli import main

code = main()
freeze_for_exit()  # the process ends: its last collection need not walk the build's objects
sys.exit(code)
