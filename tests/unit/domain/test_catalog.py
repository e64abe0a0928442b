"""The shipped activity catalog and rules, and the errors for broken data files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ssi_tui.domain.catalog import (
    Catalog,
    DataFileError,
    Rules,
    UnknownKindError,
    load_catalog,
    load_rules,
)
from ssi_tui.paths import package_data_dir

EXPECTED_PILLARS = {
    "brand": [
        "post",
        "article",
        "media",
        "profile_update",
        "recommendation_received",
        "endorsement_received",
        "talk",
        "blog_post",
        "newsletter",
    ],
    "find": [
        "people_search",
        "profile_view",
        "lead_saved",
        "group_joined",
        "account_followed",
        "introduction_requested",
        "event",
    ],
    "engage": [
        "comment",
        "share",
        "reaction",
        "poll_vote",
        "mention",
        "message_sent",
        "message_received",
        "group_post",
    ],
    "relate": [
        "invitation_sent",
        "invitation_received",
        "connection",
        "follow_up",
        "congratulation",
        "recommendation_given",
        "endorsement_given",
        "meeting",
        "call",
        "email",
    ],
}
KIND_PILLAR = [(kind, pillar) for pillar, kinds in EXPECTED_PILLARS.items() for kind in kinds]
NOT_VISIBLE = {"talk", "blog_post", "newsletter", "event", "meeting", "call", "email"}


@pytest.mark.parametrize("kind_id, pillar", KIND_PILLAR)
def test_shipped_catalog_kind_and_pillar(catalog: Catalog, kind_id: str, pillar: str) -> None:
    assert kind_id in catalog
    kind = catalog.kind(kind_id)
    assert kind.id == kind_id
    assert kind.pillar == pillar
    assert kind in catalog.in_pillar(pillar)
    assert kind.label.strip()


@pytest.mark.parametrize("kind_id", [kind for kind, _ in KIND_PILLAR])
def test_shipped_catalog_visibility(catalog: Catalog, kind_id: str) -> None:
    kind = catalog.kind(kind_id)
    assert kind.visible is (kind_id not in NOT_VISIBLE)
    assert kind.default_channel == ("off" if kind_id in NOT_VISIBLE else "linkedin")


def test_every_kind_scores_replies_included(catalog: Catalog) -> None:
    """Score model v2: a reply received is an outcome and scores like any activity."""
    assert catalog.kind("message_received").points > 0
    assert all(kind.points > 0 for kind in catalog.kinds.values())


def test_broadcast_kinds_are_judged_by_their_tag(catalog: Catalog) -> None:
    for kind_id in ("post", "article", "talk", "people_search", "share"):
        assert catalog.kind(kind_id).broadcast_for("Ada", "Contoso")
    comment = catalog.kind("comment")
    assert comment.broadcast_for(None, None)
    assert not comment.broadcast_for("Ada", None)
    assert not catalog.kind("message_sent").broadcast_for(None, None)


def test_every_pillar_has_kinds(catalog: Catalog) -> None:
    for pillar in EXPECTED_PILLARS:
        assert catalog.in_pillar(pillar)


def test_unknown_kind_lists_valid_ids(catalog: Catalog) -> None:
    with pytest.raises(UnknownKindError) as info:
        catalog.kind("tweet")
    assert "tweet" in str(info.value)
    assert "post" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_shipped_rules_are_consistent(rules: Rules) -> None:
    scoring = rules.scoring
    assert set(scoring.saturation) == set(EXPECTED_PILLARS)
    assert rules.version == 2
    assert 0 < scoring.untargeted_ceiling < 1
    assert 0 < scoring.tagged_ceiling <= 0.5
    assert 0 < scoring.edge_share < 1
    assert len(rules.quality.relevance) == 5
    assert list(rules.quality.relevance) == sorted(rules.quality.relevance)
    assert rules.relevance_factor(0) == rules.quality.relevance[0]
    assert rules.relevance_factor(9) == rules.quality.relevance[4]


# --------------------------------------------------------------------------- broken files


SHIPPED = package_data_dir()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def shipped(name: str) -> str:
    return (SHIPPED / name).read_text(encoding="utf-8")


def test_catalog_invalid_toml(tmp_path: Path) -> None:
    path = write(tmp_path, "my-catalog.toml", '[[kind]]\nid = "post\n')
    with pytest.raises(DataFileError) as info:
        load_catalog(path)
    assert "my-catalog.toml" in str(info.value)
    assert "TOML" in str(info.value)


def test_catalog_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as info:
        load_catalog(tmp_path / "absent-catalog.toml")
    assert "absent-catalog.toml" in str(info.value)


def test_catalog_bad_pillar(tmp_path: Path) -> None:
    text = shipped("catalog.toml").replace(
        'id = "share"\nlabel = "Share"\npillar = "engage"',
        'id = "share"\nlabel = "Share"\npillar = "sharing"',
    )
    assert 'pillar = "sharing"' in text
    path = write(tmp_path, "bad-pillar.toml", text)
    with pytest.raises(DataFileError) as info:
        load_catalog(path)
    message = str(info.value)
    assert "bad-pillar.toml" in message
    assert "share" in message
    assert "pillar" in message


def test_catalog_negative_points(tmp_path: Path) -> None:
    text = shipped("catalog.toml").replace(
        'id = "comment"\nlabel = "Comment"\npillar = "engage"\naim = "either"\npoints = 2.0',
        'id = "comment"\nlabel = "Comment"\npillar = "engage"\naim = "either"\npoints = -2.0',
    )
    assert "points = -2.0" in text
    path = write(tmp_path, "negative.toml", text)
    with pytest.raises(DataFileError) as info:
        load_catalog(path)
    message = str(info.value)
    assert "negative.toml" in message
    assert "comment" in message
    assert "points" in message


def test_catalog_duplicate_kind(tmp_path: Path) -> None:
    entry = '[[kind]]\nid = "post"\nlabel = "Post"\npillar = "brand"\npoints = 1\nvisible = true\n'
    path = write(tmp_path, "twice.toml", entry + "\n" + entry)
    with pytest.raises(DataFileError) as info:
        load_catalog(path)
    assert "twice.toml" in str(info.value)
    assert "post" in str(info.value)


def test_catalog_without_kinds(tmp_path: Path) -> None:
    path = write(tmp_path, "empty-catalog.toml", "# nothing\n")
    with pytest.raises(DataFileError) as info:
        load_catalog(path)
    assert "empty-catalog.toml" in str(info.value)
    assert "kind" in str(info.value)


def test_rules_invalid_toml(tmp_path: Path) -> None:
    path = write(tmp_path, "my-rules.toml", "[scoring\nwindow_days = 90\n")
    with pytest.raises(DataFileError) as info:
        load_rules(path)
    assert "my-rules.toml" in str(info.value)


def test_rules_missing_field(tmp_path: Path) -> None:
    text = re.sub(r"(?m)^half_life_days = .*\n", "", shipped("rules.toml"))
    assert "half_life_days =" not in text
    path = write(tmp_path, "no-half-life.toml", text)
    with pytest.raises(DataFileError) as info:
        load_rules(path)
    message = str(info.value)
    assert "no-half-life.toml" in message
    assert "half_life_days" in message


def test_rules_unknown_field(tmp_path: Path) -> None:
    text = shipped("rules.toml").replace("window_days = 90", "window_days = 90\nwindow_dayz = 7")
    path = write(tmp_path, "typo.toml", text)
    with pytest.raises(DataFileError) as info:
        load_rules(path)
    assert "typo.toml" in str(info.value)
    assert "window_dayz" in str(info.value)


@pytest.mark.parametrize(
    "old, new, field",
    [
        ("half_life_days = 30", "half_life_days = -30", "half_life_days"),
        ("untargeted_ceiling = 0.15", "untargeted_ceiling = -0.1", "untargeted_ceiling"),
        ("tagged_ceiling = 0.5", "tagged_ceiling = 0.9", "tagged_ceiling"),
        ("version = 2", "version = 1", "version"),
        ("window_days = 90", "window_days = 3", "window_days"),
        ("unpersonalised = 0.8", "unpersonalised = -0.8", "unpersonalised"),
        ("engage = 80", "engage = -80", "saturation"),
    ],
)
def test_rules_bad_value(tmp_path: Path, old: str, new: str, field: str) -> None:
    text = shipped("rules.toml")
    assert old in text
    path = write(tmp_path, "bad-value.toml", text.replace(old, new, 1))
    with pytest.raises(DataFileError) as info:
        load_rules(path)
    assert "bad-value.toml" in str(info.value)
    assert field in str(info.value)


def test_shipped_files_load() -> None:
    assert load_catalog().kinds
    assert load_rules().version >= 1
