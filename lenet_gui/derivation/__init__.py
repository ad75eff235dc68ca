"""The derivation tab's helpers: the probe run, the replay order, what-if, the HTML."""
