"""Command-line tools: `lenet-train` (`train`) and its progress output (`progress`)."""
