"""The project's own error types.

Every message names the file, option or value at fault and says what is wrong, so the CLI
can print it as one line and the GUI can show it in a dialog without a traceback.
"""

from __future__ import annotations


class LenetError(Exception):
    """Base class of every error the engine raises on purpose."""


class ConfigError(LenetError, ValueError):
    """A network, training or command-line setting that cannot be used."""


class DataError(LenetError):
    """A dataset file or directory that is missing, unreadable, truncated or corrupt."""


class DownloadError(DataError):
    """A dataset download that failed on every mirror, timed out, or was cancelled."""


class CheckpointError(LenetError):
    """A checkpoint file that is missing, not a checkpoint, truncated or mismatched."""
