"""Per-segment quality: target-side features of a sentence and a regressor trained on MLQE-PE
direct-assessment scores that turns them into a 0-1 quality estimate."""
