"""The message catalogue: every message in both languages, with the same fields."""

from __future__ import annotations

import pytest

from golive.messages import CATALOGUE, LANGUAGES, Say, fields_of, language_of


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_has_both_languages_with_the_same_fields(key: str) -> None:
    texts = CATALOGUE[key]
    assert set(texts) == set(LANGUAGES)
    assert fields_of(texts["zh-CN"]) == fields_of(texts["en"])
    assert all(t.strip() for t in texts.values())


def test_english_texts_are_english() -> None:
    chinese = [k for k, t in CATALOGUE.items() if any("\u4e00" <= c <= "\u9fff" for c in t["en"])]
    assert chinese == []


@pytest.mark.parametrize(
    ("code", "lang"),
    [
        ("zh-CN", "zh-CN"),
        ("zh-TW", "zh-CN"),
        ("zh", "zh-CN"),
        ("en", "en"),
        ("en-GB", "en"),
        ("fr", "en"),
        (None, "en"),
    ],
)
def test_a_gherkin_language_maps_to_golives(code: str | None, lang: str) -> None:
    assert language_of(code) == lang


def test_say_formats_in_its_language() -> None:
    assert Say("en")("web.should_show", text="Saved") == 'the page should show "Saved"'
    assert Say("zh-CN")("web.should_show", text="已保存") == '页面上应当显示"已保存"'
    assert Say("en").join(["a", "b"]) == "a, b"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="golive speaks zh-CN, en, not 'de'"):
        Say("de")


def test_a_failure_reads_as_the_steps_own_sentence() -> None:
    from golive.errors import TargetError
    from golive.pytest.failures import business_message

    rewritten = AssertionError('the page should show "x", but it shows "y"\nassert False')
    assert business_message(rewritten) == 'the page should show "x", but it shows "y"'
    assert business_message(TargetError("GET / got no answer")) == "GET / got no answer"
    waited = TimeoutError('Timeout 10000ms exceeded.\n=== logs ===\nwaiting for "Save"\n\n...')
    assert business_message(waited) == (
        'TimeoutError: Timeout 10000ms exceeded. === logs === waiting for "Save"'
    )
    assert business_message(KeyError()) == "KeyError"


def test_a_phrase_is_said_later_in_the_readers_language() -> None:
    from golive.messages import Phrase

    who = Phrase.of("probe.anonymous")
    refused = Phrase.of("probe.access_refused", who=who, action="approve an order")
    assert refused(Say("zh-CN")) == "未登录用户 被拒绝：approve an order"
    assert refused(Say("en")) == str(refused) == "anonymous is refused: approve an order"
    with pytest.raises(KeyError, match="not in golive's message catalogue"):
        Phrase.of("probe.no_such_thing")


def test_an_error_raised_with_a_phrase_is_said_in_the_readers_language() -> None:
    from golive.errors import SuiteError
    from golive.messages import Phrase

    error = SuiteError(Phrase.of("probe.owns_none", owner="bob", path="/orders"))
    assert str(error) == "bob owns no record at /orders to try on: nothing proven"
    assert error.said(Say("zh-CN")) == "bob 在 /orders 没有自己的记录可供检查：没有证明任何事"
    assert SuiteError("plain").said(Say("zh-CN")) == "plain"


def test_a_key_in_two_parts_of_the_catalogue_is_refused() -> None:
    from golive.messages import _merged

    with pytest.raises(KeyError, match="defined twice: \\['a'\\]"):
        _merged({"a": {"en": "x"}}, {"a": {"en": "y"}})


def test_the_gate_speaks_both_languages() -> None:
    en, zh = Say("en"), Say("zh-CN")
    assert en.word("status", "no_evidence") == "no evidence"
    assert zh.word("status", "no_evidence") == "缺少证据"
    assert en.word("kind", "accessibility") == "accessibility"  # no word: the value itself
    assert zh("gate.check_said", kind=zh.word("kind", "load"), name="p95", said="未通过") == (
        '性能检查"p95"未通过'
    )
