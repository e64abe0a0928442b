"""Validation errors in the user's words: one wording function, tried on every model."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import ssi_tui.domain
from ssi_tui.domain.catalog import describe_validation_error
from ssi_tui.domain.models import Goals
from ssi_tui.wording.validation import error_location, validation_message

# What a user must never read: a validator's own words, paths or values.
LEAKS = (
    "Input should",
    "input_value",
    "type=",
    "pydantic",
    "(top level)",
    "None",
    "Value error",
    "validation error",
)

BAD_VALUES: list[Any] = [
    "",
    "x",
    "abc" * 400,
    -1,
    -1e300,
    1e300,
    float("nan"),
    {"nested": 1},
    [1, 2],
    True,
    "2026-13-45",
]


def domain_models() -> list[type[BaseModel]]:
    """Every pydantic model of the domain (the records, the goals, the rules, the catalog)."""
    found: dict[str, type[BaseModel]] = {}
    for module_info in pkgutil.walk_packages(ssi_tui.domain.__path__, "ssi_tui.domain."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, BaseModel) and cls.__module__.startswith("ssi_tui.domain"):
                found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


MODELS = domain_models()


def test_the_models_are_found() -> None:
    names = {model.__name__ for model in MODELS}
    assert {"Goals", "Audience", "Activity", "Contact", "SSIReading", "Plan", "Rules"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_every_bad_field_of_every_model_is_worded_plainly(model: type[BaseModel]) -> None:
    """Each field given each bad value (and the whole document given a non-document): the
    message names the field as written and says what is wrong, in plain words."""
    worded = 0
    documents: list[Any] = [[1], "text", 3]
    for field in model.model_fields:
        documents.extend({field: value} for value in BAD_VALUES)
    for document in documents:
        try:
            model.model_validate(document)
        except ValidationError as error:
            message = describe_validation_error(error, document)
            assert message and "\n" not in message
            assert not any(leak in message for leak in LEAKS), message
            if isinstance(document, dict):
                (field,) = document
                # the field as written ("audiences" may name one of its items: "audience 2")
                assert field[:4] in message or "is missing" in message, message
            worded += 1
        except (ValueError, TypeError) as error:  # a check outside pydantic: its own words
            pytest.fail(f"{model.__name__} {document!r}: {type(error).__name__}: {error}")
    assert worded


def test_an_audience_is_named_by_its_name_as_written() -> None:
    document = {"audiences": [{"name": "prospects", "weight": "abc"}]}
    with pytest.raises(ValidationError) as caught:
        Goals.model_validate(document)
    message = describe_validation_error(caught.value, document)
    assert message == "audience 'prospects': weight must be a number"


def test_a_table_written_as_names_names_the_item() -> None:
    document = {"audiences": {"prospects": 60, "partners": -5}}
    with pytest.raises(ValidationError) as caught:
        Goals.model_validate(document)
    assert describe_validation_error(caught.value, document) == (
        "audience 'partners': weight must be at least 0"
    )


def test_several_errors_one_line_and_how_many_more() -> None:
    errors = [
        {"loc": ("audiences", index, "weight"), "type": "float_parsing", "msg": "x"}
        for index in range(5)
    ]
    data = {"audiences": [{"name": f"a{index}"} for index in range(5)]}
    message = validation_message(errors, data)
    assert message == (
        "audience 'a0': weight must be a number; audience 'a1': weight must be a number; "
        "audience 'a2': weight must be a number (and 2 more)"
    )


@pytest.mark.parametrize(
    ("loc", "data", "expected"),
    [
        (("scoring", "saturation", "brand"), {}, "scoring.saturation.brand"),
        (("activities", 1, "date"), {"activities": [{}, {"kind": "post"}]}, "activity 2 (post)"),
        (("readings", 0), {"readings": [{"date": "2026-01-02"}]}, "reading 1 (2026-01-02)"),
        (("accounts", 0, "domains", 2), {"accounts": [{"name": "Initech"}]}, "account 'Initech'"),
        (("weight", "float"), {"weight": "x"}, "weight"),
        (("rule", "function-after[check(), str]"), {"rule": "x"}, "rule"),
        ((), {}, ""),
    ],
)
def test_locations_as_the_user_wrote_them(loc: tuple[Any, ...], data: Any, expected: str) -> None:
    assert error_location(loc, data).startswith(expected)
    assert "[" not in error_location(loc, data)
