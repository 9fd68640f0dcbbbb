"""`python -m dtworkshop`: the same as the `dtworkshop` console script."""

from dtworkshop.cli import main

raise SystemExit(main())
