"""Open lenet-gui."""

import sys

from lenet_gui.app import main

if __name__ == "__main__":
    sys.exit(main())
