"""Suite-wide setup: never touch the user's real cache or settings."""

import os
import tempfile

_PRIVATE = tempfile.mkdtemp(prefix="lenet-gui-tests-")
os.environ.setdefault("LENET_GUI_CACHE", os.path.join(_PRIVATE, "cache"))
