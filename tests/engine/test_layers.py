"""Each fast layer kernel agrees with its plain-loop reference from the seed formulas."""

import numpy as np
import pytest

from engine.nn.layers import conv, dense, losses, pooling


def to_fast(a):
    """(N, C, H, W) paper layout -> (C, H, W, N) fast layout."""
    return np.ascontiguousarray(a.transpose(1, 2, 3, 0))


def to_paper(a):
    return a.transpose(3, 0, 1, 2)


@pytest.mark.parametrize("c_in,c_out,size", [(1, 6, 12), (6, 16, 9), (3, 4, 5)])
def test_conv_matches_reference(c_in, c_out, size):
    rng = np.random.default_rng(c_in)
    x = rng.standard_normal((2, c_in, size, size))
    w = rng.standard_normal((c_out, c_in, 5, 5))
    b = rng.standard_normal(c_out)
    u_ref = conv.conv_forward_reference(x, w, b)
    u, cache = conv.conv_forward(to_fast(x), conv.weight_to_matrix(w), b, 5)
    np.testing.assert_allclose(to_paper(u), u_ref, rtol=1e-10, atol=1e-10)

    du = rng.standard_normal(u_ref.shape)
    dx_ref, dw_ref, db_ref = conv.conv_backward_reference(du, x, w)
    dx, dwm, db = conv.conv_backward(to_fast(du), cache, conv.weight_to_matrix(w))
    np.testing.assert_allclose(to_paper(dx), dx_ref, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(conv.matrix_to_weight(dwm, c_in, 5), dw_ref, rtol=1e-10, atol=1e-10)
    np.testing.assert_allclose(db, db_ref, rtol=1e-10, atol=1e-10)


def test_conv_chunked_products_match_plain(monkeypatch):
    monkeypatch.setattr(conv, "CHUNK", 7)
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((3, 50)), rng.standard_normal((4, 50))
    np.testing.assert_allclose(conv.matmul_bt_chunked(a, b), a @ b.T, rtol=1e-12)
    w = rng.standard_normal((5, 4))
    out = np.empty((5, 50))
    np.testing.assert_allclose(conv.matmul_chunked(w, b, out), w @ b, rtol=1e-12)


def test_max_pool_matches_reference():
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 3, 8, 6))
    s_ref, mask = pooling.max_pool_reference(x)
    s, cache = pooling.max_pool_forward(to_fast(x))
    np.testing.assert_array_equal(to_paper(s), s_ref)
    ds = rng.standard_normal(s_ref.shape)
    dx = pooling.max_pool_backward(to_fast(ds), cache)
    np.testing.assert_allclose(to_paper(dx), pooling.max_pool_backward_reference(ds, mask))


def test_max_pool_ties_route_to_one_position_only():
    x = np.zeros((1, 1, 4, 4))
    x[0, 0, 2:, 2:] = 5.0  # a window where all four tie
    x[0, 0, 0, 1] = x[0, 0, 1, 0] = 3.0  # two tied maxima, b and c
    s, cache = pooling.max_pool_forward(to_fast(x))
    ds = np.ones((1, 1, 2, 2))
    dx = to_paper(pooling.max_pool_backward(to_fast(ds), cache))[0, 0]
    # each window passes its delta exactly once, to the first maximum in row-major order
    np.testing.assert_array_equal(dx.reshape(2, 2, 2, 2).sum(axis=(1, 3)), np.ones((2, 2)))
    assert dx[2, 2] == 1 and dx[2, 3] == dx[3, 2] == dx[3, 3] == 0
    assert dx[0, 1] == 1 and dx[1, 0] == 0
    _, mask = pooling.max_pool_reference(x)
    np.testing.assert_array_equal(dx, mask[0, 0])


def test_mean_pool_matches_reference():
    rng = np.random.default_rng(2)
    x = rng.standard_normal((2, 3, 6, 6))
    s, cache = pooling.mean_pool_forward(to_fast(x))
    np.testing.assert_allclose(to_paper(s), pooling.mean_pool_reference(x))
    ds = rng.standard_normal((2, 3, 3, 3))
    dx = pooling.mean_pool_backward(to_fast(ds), cache)
    np.testing.assert_allclose(to_paper(dx), pooling.mean_pool_backward_reference(ds))


def test_trainable_subsampling_matches_reference():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 4, 6, 6))
    coef, bias = rng.standard_normal(4), rng.standard_normal(4)
    u, cache = pooling.subsample_forward(to_fast(x), coef, bias)
    np.testing.assert_allclose(to_paper(u), pooling.subsample_reference(x, coef, bias))
    du = rng.standard_normal((2, 4, 3, 3))
    dx, dcoef, dbias = pooling.subsample_backward(to_fast(du), cache, coef)
    dx_ref, dcoef_ref, dbias_ref = pooling.subsample_backward_reference(du, x, coef)
    np.testing.assert_allclose(to_paper(dx), dx_ref)
    np.testing.assert_allclose(dcoef, dcoef_ref)
    np.testing.assert_allclose(dbias, dbias_ref)


def test_dense_matches_reference():
    rng = np.random.default_rng(4)
    x, w, b = rng.standard_normal((3, 7)), rng.standard_normal((5, 7)), rng.standard_normal(5)
    u, cache = dense.dense_forward(np.ascontiguousarray(x.T), w, b)
    np.testing.assert_allclose(u.T, dense.dense_forward_reference(x, w, b))
    du = rng.standard_normal((3, 5))
    dx, dw, db = dense.dense_backward(np.ascontiguousarray(du.T), cache, w)
    dx_ref, dw_ref, db_ref = dense.dense_backward_reference(du, x, w)
    np.testing.assert_allclose(dx.T, dx_ref)
    np.testing.assert_allclose(dw, dw_ref)
    np.testing.assert_allclose(db, db_ref)


def test_softmax_cross_entropy_matches_reference():
    rng = np.random.default_rng(5)
    logits = rng.standard_normal((4, 10)) * 3
    labels = np.array([0, 3, 9, 3])
    loss, probs, d = losses.softmax_cross_entropy(logits, labels)
    loss_ref, d_ref = losses.softmax_cross_entropy_reference(logits, labels)
    assert loss == pytest.approx(loss_ref, rel=1e-12)
    np.testing.assert_allclose(d, d_ref, atol=1e-15)
    np.testing.assert_allclose(probs.sum(axis=1), 1)


def test_softmax_is_stable_for_huge_logits():
    loss, probs, _ = losses.softmax_cross_entropy(np.array([[1e4, 0.0, -1e4]]), np.array([0]))
    assert np.isfinite(loss) and loss == pytest.approx(0.0)
    assert np.all(np.isfinite(probs))
