"""One trainer interface: the in-process Trainer and the child-process RemoteTrainer both
implement every member of engine.TrainerProtocol, with identical signatures."""

from __future__ import annotations

import inspect

import pytest

from engine import RemoteTrainer, TrainConfig, Trainer, TrainerProtocol, build_network


def _members() -> dict[str, object]:
    names = [n for n in dir(TrainerProtocol)
             if not n.startswith("_") and n not in dir(object)]
    assert names
    return {n: inspect.getattr_static(TrainerProtocol, n) for n in names}


@pytest.mark.parametrize("name", sorted(_members()))
def test_both_trainers_have_every_member_with_the_same_signature(name):
    member = _members()[name]
    trainer = inspect.getattr_static(Trainer, name, None)
    remote = inspect.getattr_static(RemoteTrainer, name, None)
    if isinstance(member, property):
        # a property on the class, or an instance attribute (test_instances_... checks it)
        for cls, found in ((Trainer, trainer), (RemoteTrainer, remote)):
            assert found is None or isinstance(found, property), f"{cls.__name__}.{name}"
        return
    assert callable(member)
    assert trainer is not None and remote is not None, name
    expected = inspect.signature(member)
    assert inspect.signature(trainer) == expected, f"Trainer.{name}"
    assert inspect.signature(remote) == expected, f"RemoteTrainer.{name}"


def test_instances_satisfy_the_protocol(small_dataset):
    class _Process:  # enough of a TrainingProcess to build a RemoteTrainer
        def register(self, listener):
            return 1

    local = Trainer(build_network("lenet5"), small_dataset, TrainConfig(epochs=1))
    remote = RemoteTrainer(local, _Process())
    for trainer in (local, remote):
        assert isinstance(trainer, TrainerProtocol)
        for name in _members():
            assert hasattr(trainer, name), name
