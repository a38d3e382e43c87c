"""clinic-audit: content-quality and translation audit for machine-translated medical articles."""

__version__ = "0.1.0"
