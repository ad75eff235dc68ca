"""A failed download in plain words: one first sentence a person understands ("No internet
connection?"), the engine's technical message kept for the details below it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# lower-case fragments of the engine's (and the OS's) messages, by what they mean
_LOCAL = ("disk full", "no space", "permission denied", "read-only file system",
          "cannot create download folder", "temporary file")
_DAMAGED = ("checksum mismatch", "truncated response", "not a gzip", "crc check")
_NO_ANSWER = ("timed out", "http ", "connection refused", "connection reset",
              "remote end closed", "service unavailable")
_OFFLINE = ("name or service not known", "temporary failure in name resolution",
            "no address associated", "nodename nor servname", "getaddrinfo",
            "network is unreachable", "no route to host", "name resolution")


def plain_reason(message: str) -> str:
    """The first sentence for a failed download's `message`. When mirrors failed in
    different ways, the one that tells most wins: a local problem, then damaged data,
    then a server that did not answer (so the internet works), then no connection."""
    text = message.lower()
    if "cancelled" in text:
        return QCoreApplication.translate("DataDialog", "The download was cancelled.")
    if any(w in text for w in _LOCAL):
        return QCoreApplication.translate(
            "DataDialog", "The files could not be saved on this computer.")
    if any(w in text for w in _DAMAGED):
        return QCoreApplication.translate("DataDialog", "The download was damaged.")
    if any(w in text for w in _NO_ANSWER):
        return QCoreApplication.translate("DataDialog", "The server did not answer.")
    if any(w in text for w in _OFFLINE):
        return QCoreApplication.translate("DataDialog", "No internet connection?")
    return QCoreApplication.translate("DataDialog", "The download failed.")


def advice(message: str) -> str:
    """What to try next, after the first sentence."""
    text = message.lower()
    if "cancelled" in text:
        return ""
    if any(w in text for w in _LOCAL):
        return QCoreApplication.translate(
            "DataDialog", "Free some disk space, or choose a folder that holds the files.")
    return QCoreApplication.translate(
        "DataDialog", "Try again later, choose a folder that holds the files, or use the "
        "built-in digits.")
