"""The network view: every layer of the network for one probe image.

`layout_plan` (pure: columns, grids, labels for any size), `mosaic` (tiling maps, pure NumPy),
`cells` (the pyqtgraph items), `labels` (every text written), `view` (`NetworkView`: wiring,
hover and selection), `map_dialog` (`MapDialog`, one map enlarged), `style` (colours,
number formats)."""

from .map_dialog import MapDialog
from .view import NetworkView

__all__ = ["MapDialog", "NetworkView"]
