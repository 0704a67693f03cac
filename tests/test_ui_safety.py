"""Safe defaults of the faces (issue 12): size limits on questions and history (row 7), uploads
off unless configured (row 8), no live links or images from document or question text (row 11).
Pure functions; the served app is exercised in tests/test_ui_hardening.py."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from assistant.config import load_settings
from assistant.limits import SizeLimits, check_request_size, history_size_error, preview, question_size_error, trim_history
from assistant.types import Answer, Citation
from ui import render
from ui.auth import is_admin, may_upload, upload_policy

LIMITS = SizeLimits(max_question_chars=100, max_history_turns=2, max_history_chars=300)


# --- row 7: question and history size -------------------------------------------------------------


def test_limits_come_from_settings_with_safe_defaults():
    defaults = SizeLimits.from_settings(load_settings({}))
    assert defaults == SizeLimits(max_question_chars=2000, max_history_turns=20, max_history_chars=20000)
    custom = load_settings({"CONVENANT_MAX_QUESTION_CHARS": "500", "CONVENANT_MAX_HISTORY_TURNS": "3",
                            "CONVENANT_MAX_HISTORY_CHARS": "999"})
    assert SizeLimits.from_settings(custom) == SizeLimits(500, 3, 999)


def test_question_size():
    assert question_size_error("x" * 100, LIMITS) is None
    message = question_size_error("x" * 5_000_000, LIMITS)
    assert message == "Je vraag is te lang (5.000.000 tekens; de limiet is 100 tekens). Stel een kortere vraag."


def test_history_size_by_turns_and_by_characters():
    turn = [{"role": "user", "content": "vraag"}, {"role": "assistant", "content": "antwoord"}]
    assert history_size_error(turn * 2, LIMITS) is None
    assert "(6 berichten; de limiet is 2 vragen met hun antwoorden)" in history_size_error(turn * 3, LIMITS)
    big = [{"role": "user", "content": "v" * 200}, {"role": "assistant", "content": "a" * 200}]
    assert "(400 tekens; de limiet is 300 tekens). Begin een nieuw gesprek." in history_size_error(big, LIMITS)
    assert check_request_size("x" * 101, big, LIMITS).startswith("Je vraag is te lang")
    assert check_request_size("kort", big, LIMITS).startswith("De gespreksgeschiedenis is te lang")
    assert check_request_size("kort", None, LIMITS) is None


def test_trim_history_keeps_the_most_recent_whole_turns():
    history = []
    for n in range(5):
        history += [{"role": "user", "content": f"vraag {n}"}, {"role": "assistant", "content": f"antwoord {n}"}]
    assert [m["content"] for m in trim_history(history, LIMITS)] == ["vraag 3", "antwoord 3", "vraag 4", "antwoord 4"]
    long = [{"role": "user", "content": "v" * 250}, {"role": "assistant", "content": "a" * 40},
            {"role": "user", "content": "w" * 100}, {"role": "assistant", "content": "b" * 100}]
    assert trim_history(long, LIMITS) == long[2:]  # the oldest turn would pass 300 characters
    assert trim_history(None, LIMITS) == []


def test_preview_of_an_overlong_question():
    assert preview("kort") == "kort"
    assert preview("woord " * 1000) == ("woord " * 1000)[:200].rstrip() + " …"


# --- row 8: uploads off unless configured ---------------------------------------------------------


def test_uploads_are_off_unless_an_admin_or_the_opt_in_is_configured():
    assert not may_upload(None, admin_users=(), open_uploads=False)
    assert not may_upload("bob", admin_users=(), open_uploads=False)
    assert may_upload(None, admin_users=(), open_uploads=True) and may_upload("bob", admin_users=(), open_uploads=True)
    assert may_upload("alice", admin_users=("alice",), open_uploads=False)
    assert not may_upload("bob", admin_users=("alice",), open_uploads=True)  # admins set: only admins
    assert not may_upload(None, admin_users=("alice",), open_uploads=True)
    assert not is_admin("bob", ()) and is_admin("alice", ("alice",))
    assert load_settings({}).open_uploads is False
    assert load_settings({"CONVENANT_OPEN_UPLOADS": "1"}).open_uploads is True


def test_serve_states_who_may_upload():
    off = upload_policy(admin_users=(), open_uploads=False, login=False)
    assert off.startswith("Uploaden: uit") and "CONVENANT_ADMIN_USERS" in off and "CONVENANT_OPEN_UPLOADS=1" in off
    assert upload_policy(admin_users=("alice", "an"), open_uploads=False, login=True) == \
        "Uploaden: alleen beheerders (alice, an)."
    assert "niemand kan zich als beheerder aanmelden" in upload_policy(admin_users=("alice",), open_uploads=False,
                                                                       login=False)
    assert "iedereen die de pagina bereikt" in upload_policy(admin_users=(), open_uploads=True, login=False)


# --- row 11: text from documents and questions is shown as text ---------------------------------

PLANTED = ("Zie [logo](http://aanvaller.example/x) en ![pixel](http://aanvaller.example/p.png), "
           "[ref][1] of <http://aanvaller.example/a>, www.aanvaller.example en info@aanvaller.example.\n\n"
           "[1]: http://aanvaller.example/ref")


def _rendered(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def _visible(rendered_html: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered_html))


def _assert_inert(markdown: str) -> None:
    out = _rendered(markdown)
    assert "<a " not in out and "<img" not in out
    # Bare URLs, "www." and e-mail addresses are not left for a GFM autolinker either.
    assert "://" not in markdown and "www." not in markdown and "@" not in markdown


def test_links_and_images_in_an_answer_and_its_citations_are_not_live():
    citation = Citation(n=1, doc_id="d", title="Titel [x](http://aanvaller.example)", section="Artikel 1",
                        page=None, quote=PLANTED, score=0.9)
    answer = Answer(question="q", answer="Antwoord: " + PLANTED + " [1]", status="answered", citations=(citation,),
                    notes=("Let op: ![n](http://aanvaller.example/n.png)",))
    markdown = render.render_answer(answer)
    _assert_inert(markdown)
    visible = _visible(_rendered(markdown))
    assert "[logo](http://aanvaller.example/x)" in visible and "info@aanvaller.example" in visible
    assert "[1]" in markdown  # citation markers stay as they are


def test_links_and_images_in_a_question_and_while_streaming_are_not_live():
    _assert_inert(render.render_user(PLANTED))
    _assert_inert(render.render_pending(PLANTED))
    _assert_inert(render.render_error(PLANTED))
    _assert_inert(render.plain("bestand [x](http://aanvaller.example).pdf: kon niet gelezen worden"))
    assert _visible(_rendered(render.render_user("**vet** en *schuin*"))) == "vet en schuin\n"  # emphasis stays


# --- row 9: the login throttle itself (the served app is tested in tests/test_ui_hardening.py) ---


def test_login_throttle_per_user_and_address_with_a_sliding_window():
    from ui.throttle import ADDRESS_FACTOR, LoginThrottle

    now = [1000.0]
    throttle = LoginThrottle(max_failures=2, window_s=60, clock=lambda: now[0])
    assert throttle.retry_after("alice", "10.0.0.1") == 0
    throttle.failed("alice", "10.0.0.1")
    now[0] += 10
    throttle.failed("alice", "10.0.0.1")
    assert throttle.retry_after("alice", "10.0.0.2") == 50  # the user is blocked from any address
    assert throttle.retry_after("bob", "10.0.0.1") == 0  # the address is not (yet)
    now[0] += 50
    assert throttle.retry_after("alice", "10.0.0.1") == 0  # the first failure left the window
    for n in range(2 * ADDRESS_FACTOR):
        throttle.failed(f"gok{n}", "10.0.0.9")
    assert throttle.retry_after("carol", "10.0.0.9") == 60 and throttle.retry_after("carol", "10.0.0.8") == 0


def test_public_api_of_the_hardening_modules_is_pinned():
    from assistant import limits
    from assistant.store import leases
    from ingest import chroma_dirs, guards
    from ui import throttle

    assert sorted(limits.__all__) == ["SizeLimits", "check_request_size", "history_size_error", "preview",
                                      "question_size_error", "trim_history"]
    assert sorted(guards.__all__) == ["DEFAULT_MAX_INFLATED_BYTES", "DEFAULT_MAX_ZIP_RATIO", "MAX_ZIP_MEMBERS",
                                      "check_text_is_language", "check_zip_inflation", "junk_text_reason"]
    assert sorted(leases.__all__) == ["LEASE_NAME", "Lease", "create_lease_file", "exclusive", "shared"]
    assert sorted(chroma_dirs.__all__) == ["live_segment_ids", "remove_orphan_segment_dirs"]
    assert sorted(throttle.__all__) == ["ADDRESS_FACTOR", "LoginThrottle", "LoginThrottleMiddleware"]
    for module in (limits, guards, leases, chroma_dirs, throttle):
        assert all(hasattr(module, name) for name in module.__all__)
