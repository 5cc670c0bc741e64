"""One small generated dataset shared by the demo tests (generation is the slow part)."""

from __future__ import annotations

from pathlib import Path

import pytest

from demo.config import GenerationConfig
from demo.generate import generate


@pytest.fixture(scope="session")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "data"
    generate(GenerationConfig(seed=11, scale=0.03), out)
    return out
