"""Bad input to the network's entry points is one clear ConfigError, never a NumPy error,
a NaN answer or a silent truncation."""

from __future__ import annotations

import numpy as np
import pytest

from engine import ConfigError, build_network, preprocess


@pytest.fixture(scope="module")
def net():
    return build_network("lenet5", seed=0)


def _images(n: int = 2) -> np.ndarray:
    return np.random.default_rng(0).uniform(0, 1, (n, 1, 32, 32)).astype(np.float32)


def test_an_empty_batch_is_a_config_error(net):
    with pytest.raises(ConfigError, match="empty"):
        net.forward(np.zeros((0, 1, 32, 32), np.float32))
    with pytest.raises(ConfigError, match="empty"):
        net.forward(np.zeros((0, 1, 32, 32), np.float32), reuse_buffers=True,
                    check_finite=False)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_pixels_are_refused_by_forward_and_predict(net, bad):
    x = _images()
    x[1, 0, 5, 5] = bad
    for call in (net.forward, net.predict, net.predict_proba):
        with pytest.raises(ConfigError, match="NaN or infinite"):
            call(x)


def test_raw_uint8_pixels_are_refused_with_a_pointer_to_preprocess(net):
    raw = np.full((1, 28, 28), 255, np.uint8)
    for call in (net.forward, net.predict):
        with pytest.raises(ConfigError, match="preprocess"):
            call(np.full((1, 1, 32, 32), 255, np.uint8))
    probs = net.predict_proba(preprocess(raw, 32))  # the documented way works
    assert np.isfinite(probs).all()


@pytest.mark.parametrize("dtype", [np.int32, np.uint8, bool, np.complex64, "U3"])
def test_a_network_of_a_non_float_dtype_is_refused(dtype):
    with pytest.raises(ConfigError, match="float32 or float64"):
        build_network("lenet5", dtype=dtype)


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_set_params_refuses_non_finite_weights(net, bad):
    params = {k: v.copy() for k, v in net.params.items()}
    params["F6.weight"][0, 0] = bad
    before = {k: v.copy() for k, v in net.params.items()}
    with pytest.raises(ConfigError, match="F6.weight holds NaN or infinite"):
        net.set_params(params)
    for k, v in before.items():  # nothing changed
        np.testing.assert_array_equal(net.params[k], v)


def test_set_params_refuses_non_numbers(net):
    params = {k: v for k, v in net.params.items()}
    params["C1.bias"] = np.array(["a"] * 6)
    with pytest.raises(ConfigError, match="C1.bias"):
        net.set_params(params)


@pytest.mark.parametrize("labels", [[1.9, 0.0], [0.5, 1.0], [np.nan, 1.0], [True, False]])
def test_fractional_float_or_bool_labels_are_refused(net, labels):
    trace = net.forward(_images())
    with pytest.raises(ConfigError, match="whole class indices"):
        net.backward(trace, np.array(labels))


def test_whole_float_labels_are_taken(net):
    trace = net.forward(_images())
    as_int = net.backward(trace, np.array([1, 0])).loss
    assert net.backward(trace, np.array([1.0, 0.0])).loss == as_int
