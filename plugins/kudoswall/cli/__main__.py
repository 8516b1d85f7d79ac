"""`python -m kudoswall.cli`."""

from . import main

main()
