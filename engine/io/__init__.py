"""Files on disk: checkpoints (`checkpoint`) and the one atomic-write helper every file the
project writes goes through (`atomic`)."""
