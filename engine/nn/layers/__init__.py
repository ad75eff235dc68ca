"""Layer kernels, CS231n style: `forward(x, ...) -> (u, cache)`,
`backward(delta_u, cache, ...) -> (delta_f_prev, delta_w, delta_b)`.

The fast versions hold maps as (C, H, W, N) and vectors as (units, N), batch innermost, in
the dtype they are given; each module also holds a plain-loop reference written straight
from the seed formulas in the paper's layout (N, C, H, W), used by the tests to show the two
agree.
"""
