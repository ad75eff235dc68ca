"""Open lenet-gui."""

import sys

if __name__ == "__main__":
    # imported here, not above: the training process (multiprocessing "spawn") runs this file
    # as __mp_main__ and needs nothing of the GUI
    from lenet_gui.app import main

    sys.exit(main())
