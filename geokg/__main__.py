"""`python -m geokg`: the same command line as `geokg`."""

from geokg.cli import main

main()
