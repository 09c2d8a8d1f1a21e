"""target.Watch: a dead target is an outage; a slow or failing but answering one is not."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from golive.run.target import Watch, free_port


class Answers(BaseHTTPRequestHandler):
    """Answers 500 to everything: an error page is still an answer."""

    def do_HEAD(self) -> None:
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Answers)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def test_an_answering_target_is_no_outage(server: ThreadingHTTPServer) -> None:
    with Watch(f"http://127.0.0.1:{server.server_address[1]}", interval=0.05) as watch:
        time.sleep(0.5)
    assert watch.answering
    assert watch.outage is None


def test_a_target_that_stops_is_an_outage_between_its_last_answer_and_first_refusal(
    server: ThreadingHTTPServer,
) -> None:
    with Watch(f"http://127.0.0.1:{server.server_address[1]}", interval=0.05) as watch:
        time.sleep(0.3)
        server.shutdown()
        server.server_close()
        deadline = time.monotonic() + 10
        while watch.answering and time.monotonic() < deadline:
            time.sleep(0.05)
    assert watch.outage is not None
    assert watch.outage.last_answer <= watch.outage.first_refusal


def test_a_target_that_dies_after_the_last_poll_is_caught_on_leaving() -> None:
    port = free_port()  # nothing listens: refused at once
    with Watch(f"http://127.0.0.1:{port}", interval=3600) as watch:
        pass
    assert watch.outage is not None


def test_a_slow_target_is_busy_not_dead() -> None:
    # accepts connections and never answers: every poll times out
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        with Watch(url, interval=0.05, timeout=0.1) as watch:
            time.sleep(0.8)
        assert watch.answering
        # ... until it has been silent for longer than the watch's patience
        with Watch(url, interval=0.05, timeout=0.1, hang=0.5) as watch:
            deadline = time.monotonic() + 10
            while watch.answering and time.monotonic() < deadline:
                time.sleep(0.05)
        assert watch.outage is not None
    finally:
        listener.close()
