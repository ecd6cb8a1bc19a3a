"""Writing the keys of the search texts as codes, a run at a time, in order (no Qt)."""

from __future__ import annotations

from typing import Any
from unittest import mock

from viewer.query import key_codes
from viewer.query.key_codes import KeyCodes


def test_the_texts_written_with_codes_are_those_before_written() -> None:
    texts = [f'{{"name":"p{n}","n{n % 3}":{n}}}' for n in range(7)]
    codes = KeyCodes()
    seen: list[int] = []

    def poll() -> None:  # between runs: every text before ``written`` holds codes, none after it
        seen.append(codes.written)
        assert all('"\x01' in text for text in texts[:codes.written])
        assert not any('"\x01' in text for text in texts[codes.written:])

    with mock.patch.object(key_codes, "RUN", 3):
        assert key_codes.learn(texts, codes, poll)
    assert seen == [0, 3, 6] and codes.written == 7 and codes.complete


def test_learning_stopped_goes_on_from_the_texts_not_yet_written() -> None:
    texts = [f'{{"name":"p{n}","n{n % 3}":{n}}}' for n in range(7)]
    codes = KeyCodes()

    class Stop(Exception):
        pass

    polls = iter([None, None])

    def stop_at_the_third_run() -> None:
        if next(polls, "stop") == "stop":
            raise Stop()

    with mock.patch.object(key_codes, "RUN", 3):
        try:
            key_codes.learn(texts, codes, stop_at_the_third_run)
        except Stop:
            pass
        assert codes.written == 6 and not codes.complete
        written_before = texts[:6]
        rewritten: list[str] = []
        real = codes.rewrite_run
        with mock.patch.object(codes, "rewrite_run", lambda run: rewritten.append(run) or real(run)):
            assert key_codes.learn(texts, codes, lambda: None)
    assert rewritten == ['{"name":"p6","n0":6}']  # only the last run is read again
    assert texts[:6] == written_before and codes.complete
    assert all('"\x01' in text and '"name"' not in text for text in texts)


class _Told:
    """A lock standing in for ``Turns``' own, setting ``asked`` when a thread other than the main one asks for it."""

    def __init__(self, real: Any, asked: Any) -> None:
        self._real, self._asked = real, asked

    def acquire(self) -> bool:
        import threading

        if threading.current_thread() is not threading.main_thread():
            self._asked.set()
        return bool(self._real.acquire())

    def release(self) -> None:
        self._real.release()


def test_a_search_waiting_for_its_turn_goes_before_the_next_run() -> None:
    import threading

    turns = key_codes.Turns()
    asking = threading.Event()
    turns._lock = _Told(turns._lock, asking)  # type: ignore[assignment]  # says when the search asks for it
    order: list[str] = []

    def search() -> None:
        with turns.search():
            order.append("search")

    searcher = threading.Thread(target=search)
    codes = KeyCodes()
    real_rewrite = codes.rewrite_run

    def rewrite(run: str) -> str | None:
        order.append("run")
        if len(order) == 1:  # a keystroke's search arrives while the first run is being written
            searcher.start()
            assert asking.wait(5)
        return real_rewrite(run)

    texts = [f'{{"name":"p{n}"}}' for n in range(3)]
    with mock.patch.object(key_codes, "RUN", 1), mock.patch.object(codes, "rewrite_run", rewrite):
        assert key_codes.learn(texts, codes, lambda: None, turns)
    searcher.join(5)
    assert order == ["run", "search", "run", "run"]


def test_a_run_waits_for_the_last_searchs_answer_to_be_shown(monkeypatch) -> None:
    import threading

    monkeypatch.setattr(key_codes, "ANSWER_FIRST", 60.0)  # only ``answer_shown`` can let the run go before a minute
    turns = key_codes.Turns()
    order: list[str] = []
    waiting_for_the_answer = threading.Event()
    real_wait = turns._quiet.wait

    def wait(timeout: float | None = None) -> bool:
        if timeout is not None:  # the run's wait for the answer (a wait for searches has no timeout)
            waiting_for_the_answer.set()
        return real_wait(timeout)

    monkeypatch.setattr(turns._quiet, "wait", wait)
    with turns.search():
        order.append("search")

    def run() -> None:
        with turns:
            order.append("run")

    learner = threading.Thread(target=run)
    learner.start()
    assert waiting_for_the_answer.wait(5)
    order.append("shown")
    turns.answer_shown()
    learner.join(5)
    assert order == ["search", "shown", "run"]


def test_a_run_in_the_searchs_own_thread_does_not_wait_for_its_answer(monkeypatch) -> None:
    import threading

    monkeypatch.setattr(key_codes, "ANSWER_FIRST", 60.0)
    turns = key_codes.Turns()
    done = threading.Event()

    def search_then_run() -> None:  # the command line's way: one thread searches, and writes the codes after
        with turns.search():
            pass
        with turns:
            done.set()

    threading.Thread(target=search_then_run, daemon=True).start()
    assert done.wait(5)


def test_a_run_that_waited_for_the_lock_through_a_search_still_lets_its_answer_go_first(monkeypatch) -> None:
    import threading

    monkeypatch.setattr(key_codes, "ANSWER_FIRST", 60.0)
    turns = key_codes.Turns()
    blocked = threading.Event()
    turns._lock = _Told(turns._lock, blocked)  # type: ignore[assignment]  # says when the run waits for it
    order: list[str] = []
    waiting_for_the_answer = threading.Event()
    real_wait = turns._quiet.wait

    def wait(timeout: float | None = None) -> bool:
        if timeout is not None:
            waiting_for_the_answer.set()
        return real_wait(timeout)

    monkeypatch.setattr(turns._quiet, "wait", wait)

    def run() -> None:
        with turns:
            order.append("run")

    learner = threading.Thread(target=run)
    with turns.search():  # the run arrives while the search has its turn, and waits on the lock itself
        learner.start()
        assert blocked.wait(5)
        order.append("search")
    assert waiting_for_the_answer.wait(5)  # it got the lock as the search ended, and let go of it again
    order.append("shown")
    turns.answer_shown()
    learner.join(5)
    assert order == ["search", "shown", "run"]
