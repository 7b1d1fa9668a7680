"""The message catalogs: both languages say the same things."""

from __future__ import annotations

from simulator.i18n import catalog, t


def test_japanese_and_english_catalogs_have_the_same_keys() -> None:
    ja, en = catalog("ja"), catalog("en")
    assert sorted(set(ja) - set(en)) == []
    assert sorted(set(en) - set(ja)) == []


def test_placeholders_agree_between_languages() -> None:
    import string

    def names(text: str) -> set[str]:
        return {n for _, n, _, _ in string.Formatter().parse(text) if n}

    ja, en = catalog("ja"), catalog("en")
    assert [k for k in ja if names(ja[k]) != names(en[k])] == []


def test_missing_values_never_crash_a_message() -> None:
    assert (
        t("cli.validate.summary", "en")
        == "{files} files checked: {errors} errors, {warnings} warnings"
    )


def test_the_fast_catalog_reader_reads_what_ruamel_reads() -> None:
    from pathlib import Path

    from ruamel.yaml import YAML

    from simulator.i18n import LOCALES, catalog

    folder = Path(__file__).resolve().parents[1] / "simulator" / "i18n"
    for locale in LOCALES:
        data = YAML(typ="safe").load((folder / f"{locale}.yaml").read_text(encoding="utf-8"))
        assert catalog(locale) == {str(k): str(v) for k, v in data.items()}
