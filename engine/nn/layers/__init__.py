"""Layer kernels, CS231n style: `forward(x, ...) -> (out, cache)`, `backward(dout, cache)`.

The fast versions work channels-last (N, H, W, C) in the dtype they are given; each module
also holds a plain-loop reference written straight from the seed formulas in the paper's
layout (N, C, H, W), used by the tests to show the two agree.
"""
