"""Password guessing on the Data page: the server-wide throttle (per address and overall) on a hand-
moved clock, its use across sessions of the page (AppTest), sign-out when the configured hash
changes, refusal of hashes not in the project's own format, and failure logs without passwords."""
from __future__ import annotations

import hashlib
import logging
import os

import pytest

from tests.data_page import PASSWORD, data_page, sign_in
from tracker.importer import auth, throttle


class Clock:
    """Seconds that move only when a test says so."""

    def __init__(self, now: float = 10_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def guard(clock):
    """The process's shared throttle, emptied and on the test's clock; put back afterwards."""
    real = throttle.GUARD.clock
    throttle.GUARD.reset()
    throttle.GUARD.clock = clock
    yield throttle.GUARD
    throttle.GUARD.reset()
    throttle.GUARD.clock = real


def fail(g: throttle.Throttle, address: str, times: int) -> throttle.Failure:
    last = None
    for _ in range(times):
        last = g.failure(address)
    return last


# ---- the throttle on its own ----------------------------------------------------------------------
def test_five_failures_earn_a_wait_that_grows(clock):
    g = throttle.Throttle(clock=clock)
    assert not fail(g, "198.51.100.7", g.free - 1).wait  # the first four cost nothing
    assert not g.wait("198.51.100.7")
    fifth = g.failure("198.51.100.7")
    assert fifth.count == g.free and fifth.wait.seconds == g.base and fifth.wait.scope == throttle.ADDRESS
    assert g.wait("198.51.100.7").seconds == g.base
    clock.now += g.base
    assert not g.wait("198.51.100.7")  # the wait has run out
    assert g.failure("198.51.100.7").wait.seconds == g.base ** 2  # and the next one is longer
    waits = [g.failure("198.51.100.7").wait.seconds for _ in range(g.free + 2, g.lock_after)]
    assert waits == sorted(waits) and waits[-1] == g.longest_wait  # grows, up to the cap


def test_twenty_failures_lock_the_address_for_minutes(clock):
    g = throttle.Throttle(clock=clock)
    twentieth = fail(g, "198.51.100.7", g.lock_after)
    assert twentieth.count == g.lock_after and twentieth.wait.seconds == g.lock_for >= 10 * 60
    clock.now += g.lock_for - 1
    assert g.wait("198.51.100.7").seconds == 1
    clock.now += 1
    assert not g.wait("198.51.100.7")
    assert g.failure("198.51.100.7").wait.seconds == g.lock_for  # one more guess, locked again


def test_a_success_clears_the_count_and_other_addresses_are_unaffected(clock):
    g = throttle.Throttle(clock=clock)
    fail(g, "198.51.100.7", g.free)
    assert g.wait("198.51.100.7") and not g.wait("203.0.113.9")
    g.success("198.51.100.7")
    assert not g.wait("198.51.100.7")
    assert not g.failure("198.51.100.7").wait  # counting starts again from one


def test_the_overall_budget_pauses_everyone(clock):
    g = throttle.Throttle(clock=clock)
    for n in range(g.budget):
        g.failure(f"10.0.{n // 250}.{n % 250}")  # one guess each from many addresses
    assert not g.wait("203.0.113.9")  # exactly the budget: still open
    g.failure("10.9.9.9")
    paused = g.wait("203.0.113.9")
    assert paused.scope == throttle.EVERYONE and paused.seconds == g.budget_pause
    clock.now += g.budget_pause
    assert not g.wait("203.0.113.9")


def test_failures_spread_over_time_stay_within_the_budget(clock):
    g = throttle.Throttle(clock=clock)
    for n in range(3 * g.budget):
        clock.now += g.budget_window / g.budget  # one budget's worth per window, never more
        g.failure(f"10.1.{n // 250}.{n % 250}")
    assert not g.wait("203.0.113.9")


def test_old_entries_are_forgotten_and_the_number_tracked_is_capped(clock):
    g = throttle.Throttle(clock=clock, max_addresses=3)
    fail(g, "198.51.100.7", g.free)
    clock.now += g.forget_after
    assert g.tracked() == 0 and not g.wait("198.51.100.7")
    for n in range(5):
        clock.now += 1
        g.failure(f"192.0.2.{n}")
    assert g.tracked() == 3
    g.failure("192.0.2.4")
    fail(g, "192.0.2.4", g.free)
    assert g.wait("192.0.2.4")  # the newest keeps its count; the oldest were dropped
    assert g.tracked() == 3


def test_reset_forgets_everything(clock):
    g = throttle.Throttle(clock=clock)
    fail(g, "198.51.100.7", g.lock_after)
    g.reset()
    assert g.tracked() == 0 and not g.wait("198.51.100.7")


def test_forwarded_headers_count_only_behind_a_trusted_proxy():
    headers = {"X-Forwarded-For": "6.6.6.6, 198.51.100.7", "X-Real-IP": "203.0.113.9"}
    assert throttle.client_address("192.0.2.1", headers, {}) == "192.0.2.1"  # not trusted: the socket
    assert throttle.client_address(None, headers, {}) == throttle.UNKNOWN
    trusted = {throttle.TRUSTED_PROXY_ENV: "192.0.2.1"}                      # the proxy's own address
    assert throttle.client_address("192.0.2.1", headers, trusted) == "198.51.100.7"  # what the proxy appended
    assert throttle.client_address("192.0.2.1", {"x-real-ip": "203.0.113.9"}, trusted) == "203.0.113.9"
    assert throttle.client_address("192.0.2.1", {"X-Forwarded-For": "not-an-ip"}, trusted) == "192.0.2.1"
    assert throttle.client_address(None, headers, trusted) == throttle.UNKNOWN      # not from the proxy
    assert throttle.client_address("junk", {}, {throttle.TRUSTED_PROXY_ENV: "yes"}) == throttle.UNKNOWN


def test_a_wait_is_told_in_minutes_and_seconds_rounded_up():
    assert throttle.describe(250) == (4, 10)
    assert throttle.describe(1.2) == (0, 2)


# ---- the hash format ------------------------------------------------------------------------------
def test_only_the_projects_salted_iterated_hash_is_accepted():
    good = auth.hash_password("correct horse", iterations=auth.MIN_ITERATIONS)
    assert auth.problem(good) is None and auth.verify("correct horse", good)
    _, n, salt, key = good.split("$")
    bare = hashlib.sha256(b"correct horse").hexdigest()
    few = auth.hash_password("correct horse", iterations=auth.MIN_ITERATIONS - 1)
    short_salt = auth.hash_password("correct horse", salt=b"x" * (auth.MIN_SALT_BYTES - 1), iterations=auth.MIN_ITERATIONS)
    cases = {bare: "scheme", few: "iterations", short_salt: "salt", f"pbkdf2_sha256${n}$zz{salt[2:]}${key}": "salt",
             f"pbkdf2_sha256${n}${salt}${key[:-2]}": "hash", f"pbkdf2_sha256$-{n}${salt}${key}": "iterations"}
    for stored, why in cases.items():
        assert auth.problem(stored) == why, stored
        assert not auth.verify("correct horse", stored)
    assert auth.methods({"admin": {"password_sha256": bare}}, {}) == []
    assert auth.refused(None, {auth.ENV: bare}) == "scheme" and auth.refused(None, {}) is None


@pytest.mark.parametrize("lang, words", [("zh", "格式不被接受"), ("en", "not in the accepted format")])
def test_a_bare_sha256_hash_turns_password_sign_in_off_and_says_how_to_make_one(private, monkeypatch, lang, words):
    monkeypatch.setenv(auth.ENV, hashlib.sha256(PASSWORD.encode()).hexdigest())
    at = data_page(lang)
    assert not at.exception
    assert "data_admin_password" not in [w.key for w in at.text_input]
    message = " ".join(w.value for w in at.warning)
    assert words in message and "hash-password" in message
    assert auth.ENV in message and "password_hash" in message


# ---- the Data page, across sessions ---------------------------------------------------------------
def test_guessing_is_throttled_across_sessions(with_password, guard, clock):
    for n in range(guard.free):  # each AppTest is a session of its own
        at = sign_in(data_page(), password=f"wrong-{n}")
        assert any("不正确" in e.value for e in at.error)
    assert any("此地址登录失败次数过多" in e.value for e in at.error)  # the fifth already earns a wait
    at = sign_in(data_page(), password=PASSWORD)  # the sixth attempt, right password, in a new session
    assert any("此地址登录失败次数过多" in e.value and "秒" in e.value for e in at.error)
    assert not at.file_uploader and not any("测试管理员" in s.value for s in at.success)
    clock.now += guard.wait(throttle.UNKNOWN).seconds
    at = sign_in(at, password=PASSWORD)
    assert at.file_uploader(key="data_upload")
    assert not guard.wait(throttle.UNKNOWN) and guard.tracked() == 0  # the success cleared the count


def test_a_lock_is_told_in_minutes_in_english(with_password, guard, clock):
    fail(guard, throttle.UNKNOWN, guard.lock_after)
    clock.now += 50
    at = sign_in(data_page("en"), password=PASSWORD)
    minutes, seconds = throttle.describe(guard.lock_for - 50)
    expected = f"Too many failed attempts from this address. Try again in {minutes} min {seconds} s."
    assert any(e.value == expected for e in at.error) and not at.file_uploader


def test_the_overall_pause_refuses_everyone_with_its_own_message(with_password, guard):
    for n in range(guard.budget + 1):
        guard.failure(f"10.2.{n // 250}.{n % 250}")
    at = sign_in(data_page(), password=PASSWORD)
    assert any("对所有人暂停" in e.value for e in at.error) and not at.file_uploader


@pytest.mark.parametrize("change", ["replaced", "removed"])
def test_changing_the_hash_signs_out_sessions_that_used_the_old_one(with_password, guard, monkeypatch, change):
    at = sign_in(data_page())
    assert at.file_uploader(key="data_upload")
    kept, stored = repr(at.session_state), os.environ[auth.ENV]
    assert "data_admin_credential" in kept and stored.split("$")[3] not in kept  # a fingerprint, not the hash
    if change == "replaced":
        monkeypatch.setenv(auth.ENV, auth.hash_password("another-password", iterations=auth.MIN_ITERATIONS))
    else:
        monkeypatch.delenv(auth.ENV)
    at.run()
    assert not at.file_uploader and not any("测试管理员" in s.value for s in at.success)
    assert any("管理员凭据已更改" in w.value for w in at.warning)


def test_an_unchanged_hash_keeps_the_session_signed_in(with_password, guard):
    at = sign_in(data_page())
    at.run()
    assert at.file_uploader(key="data_upload") and not at.warning


def test_failures_are_logged_without_the_password(with_password, guard, caplog):
    caplog.set_level(logging.INFO, logger="tracker.auth")
    for n in range(guard.free + 1):
        sign_in(data_page(), password=f"guess-{n}-secret", name="Mallory")
    stored = os.environ[auth.ENV]
    records = [r for r in caplog.records if r.name == "tracker.auth"]
    text = "\n".join(r.getMessage() for r in records)
    assert len(records) == guard.free + 1
    assert "Mallory" not in text and throttle.UNKNOWN in text and f"failures={guard.free}" in text
    assert "refused unchecked" in text and f"wait={guard.base:.0f}s" in text
    assert "secret" not in text and PASSWORD not in text
    assert all(part not in text for part in stored.split("$")[2:])  # neither salt nor hash
