"""The workers' garbage-collector settings that `make run` and the benchmark share."""

from __future__ import annotations

import gc
import importlib.util
from pathlib import Path


def test_a_worker_freezes_the_loaded_app_and_sweeps_fully_ten_times_less_often():
    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf", Path(__file__).parent.parent / "gunicorn.conf.py"
    )
    assert spec is not None and spec.loader is not None
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    before = gc.get_threshold()
    try:
        conf.post_worker_init(object())
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (before[0], before[1], 100)  # the default is 10
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
