"""The training and inference hot path (`engine.nn.hot_path`) gives what the full
`Network.forward`/`backward` give: micro-batched gradients equal the whole batch's, the ReLU
moved after the max-pool changes nothing, chunked inference equals `forward(x).probs`."""

import numpy as np
import pytest

from engine import PRESETS, build_network
from engine.data.preprocess import preprocess
from engine.nn.layers import pooling
from engine.training.evaluation import predict


def _batch(net, n, seed=0):
    s = net.config.input_size
    rng = np.random.default_rng(seed)
    x = rng.uniform(-0.1, 1.175, (n, 1, s, s)).astype(net.dtype)
    return x, rng.integers(0, 10, n)


@pytest.mark.parametrize("preset", PRESETS)
@pytest.mark.parametrize("micro_batch", [7, 32, 100])
def test_micro_batched_gradients_equal_the_whole_batch(preset, micro_batch):
    net = build_network(preset, dtype=np.float64, seed=2)
    x, y = _batch(net, 100)
    trace = net.forward(x)
    whole = net.backward(trace, y)
    fast = net.train_gradients(x, y, micro_batch=micro_batch, health=True)
    assert list(fast.params) == list(whole.params)
    for k, g in whole.params.items():
        np.testing.assert_allclose(fast.params[k], g, rtol=1e-10, atol=1e-14, err_msg=k)
    assert fast.loss == pytest.approx(whole.loss, rel=1e-12)
    np.testing.assert_allclose(fast.probs, trace.probs, rtol=1e-12, atol=1e-15)
    assert fast.delta_u_mean_abs is not None
    assert set(fast.delta_u_mean_abs) == set(whole.delta_u)
    for k, du in whole.delta_u.items():
        assert fast.delta_u_mean_abs[k] == pytest.approx(float(np.mean(np.abs(du))), rel=1e-10)


def test_micro_batches_in_float32_equal_to_rounding():
    net = build_network("lenet5", dtype=np.float32, seed=0)
    x, y = _batch(net, 256, seed=1)
    whole = net.backward(net.forward(x), y)
    fast = net.train_gradients(x, y, micro_batch=64)
    for k, g in whole.params.items():
        assert fast.params[k].dtype == np.float32
        scale = float(np.max(np.abs(g)))
        np.testing.assert_allclose(fast.params[k], g, rtol=0, atol=1e-5 * scale, err_msg=k)
    assert fast.delta_u_mean_abs is None


def test_relu_after_the_max_pool_is_exactly_the_same_gradient():
    """One chunk, so no sums are regrouped: ReLU-then-pool and pool-then-ReLU agree to the
    last bit, ties at zero and negative windows included."""
    net = build_network("lenet5", dtype=np.float64, seed=4)
    assert net._hot.relu_after_pool == [False, True, False, True, False, False, False]
    x, y = _batch(net, 9, seed=5)
    x[0] = -0.1  # a blank image: many all-negative and tied windows
    whole = net.backward(net.forward(x), y)
    fast = net.train_gradients(x, y, micro_batch=9)
    for k, g in whole.params.items():
        np.testing.assert_array_equal(fast.params[k], g, err_msg=k)


def test_every_grad_is_fresh_and_buffers_are_reused():
    net = build_network("lenet5", seed=0)
    x, y = _batch(net, 80)
    first = net.train_gradients(x, y, micro_batch=32)
    kept = {k: v.copy() for k, v in first.params.items()}
    net.train_gradients(x[::-1].copy(), y[::-1].copy(), micro_batch=32)
    for k, v in kept.items():
        np.testing.assert_array_equal(first.params[k], v)
    assert len(net._hot._workspaces) == 2  # full chunks and the shorter last one


@pytest.mark.parametrize("preset", PRESETS)
def test_chunked_inference_equals_forward(preset):
    net = build_network(preset, seed=1)
    x, _ = _batch(net, 300)
    expected = net.forward(x).probs
    for chunk in (1, 128, 1000):
        np.testing.assert_allclose(net.predict_proba(x, chunk), expected, rtol=1e-5, atol=1e-7)
    np.testing.assert_array_equal(net.predict(x), expected.argmax(axis=1))


def test_evaluation_predict_equals_forward_on_raw_images():
    net = build_network("lenet5", seed=0)
    images = np.random.default_rng(0).integers(0, 256, (300, 28, 28), dtype=np.uint8)
    expected = net.forward(preprocess(images)).probs
    np.testing.assert_allclose(predict(net, images), expected, rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(predict(net, images, batch_size=7), expected, rtol=1e-5,
                               atol=1e-7)


def test_max_pool_values_equal_the_forward_pass():
    x = np.random.default_rng(0).standard_normal((3, 8, 6, 5))
    x[0, :2, :2] = 0.5  # ties
    s, _ = pooling.max_pool_forward(x)
    np.testing.assert_array_equal(pooling.max_pool_values(x), s)


def test_train_gradients_checks_its_labels():
    from engine import ConfigError

    net = build_network("lenet5")
    x, y = _batch(net, 4)
    with pytest.raises(ConfigError):
        net.train_gradients(x, y[:3])
    with pytest.raises(ConfigError):
        net.train_gradients(x, np.array([0, 1, 2, 10]))


def test_the_softmax_share_is_the_loss_and_its_delta_in_the_hot_paths_layout():
    """`softmax_share` works on (10, n) chunks; one whole-batch chunk gives the bits of
    `losses.softmax_cross_entropy`, and chunks' shares add up to the whole batch's."""
    from engine.nn.hot_path import softmax_share
    from engine.nn.layers import losses

    rng = np.random.default_rng(7)
    u = rng.standard_normal((10, 40)) * 4
    labels = rng.integers(0, 10, 40)
    loss, probs, delta = losses.softmax_cross_entropy(u.T, labels)
    got_probs = np.empty((40, 10))
    got_loss, got_delta = softmax_share(u.copy(), labels, 40, got_probs)
    np.testing.assert_array_equal(got_delta.T, delta)
    np.testing.assert_array_equal(got_probs, probs)
    assert got_loss == pytest.approx(loss, rel=1e-14)
    halves = [softmax_share(u[:, s].copy(), labels[s], 40, np.empty((20, 10)))
              for s in (slice(0, 20), slice(20, 40))]
    assert halves[0][0] + halves[1][0] == pytest.approx(loss, rel=1e-14)
    np.testing.assert_allclose(np.concatenate([h[1] for h in halves], axis=1), delta.T,
                               rtol=0, atol=1e-16)
