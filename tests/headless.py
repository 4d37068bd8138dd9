"""Drive Debian's headless chromium over the DevTools protocol, with the network disabled.

Used by the browser tests (tests/test_html.py) and the view benchmark (bench/bench_view.py). The
protocol runs over a pipe (``--remote-debugging-pipe``: JSON messages ended by a NUL byte on file
descriptors 3 and 4), so nothing beyond the standard library is needed. Every request the page makes
is recorded, every console message, exception and browser log entry (a Content Security Policy
violation is one) is collected, and any request that does get out goes to a closed port.

>>> with Browser() as browser:                                 # doctest: +SKIP
...     tab = browser.open("file:///tmp/graph.html")
...     tab.wait_for("document.body.dataset.state === 'stable'")
...     tab.evaluate("document.title"), tab.problems()
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
_FLAGS = [
    "--headless",
    "--remote-debugging-pipe",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--window-size=1400,850",
    # Any request that is not blocked earlier goes to a closed port and resolves no name.
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


class BrowserError(RuntimeError):
    """Chromium did not answer, or answered with an error."""


class Browser:
    """One headless chromium process with a fresh profile; use as a context manager."""

    def __init__(self, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="rckg-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def wire_pipes() -> None:
            # Runs in the child: the protocol expects descriptors 3 and 4. Copy both ends first so
            # neither is overwritten by the other when the pipes already use descriptors 3 or 4.
            ends = os.dup(to_browser_read), os.dup(from_browser_write)
            for target, end in zip((3, 4), ends, strict=True):
                os.dup2(end, target, inheritable=True)

        self._process = subprocess.Popen(
            [str(CHROMIUM), *_FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            close_fds=False, preexec_fn=wire_pipes,
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._next_id = 0
        self._replies: dict[int, dict] = {}
        self._events: dict[str, list[dict]] = {}
        self._inbox: queue.Queue[dict | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.send("Browser.close")
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        self._profile.cleanup()

    def open(self, url: str) -> Tab:
        """A new tab that records its console and requests, navigated to ``url``."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, session)
        for domain in ("Runtime", "Log", "Network", "Page"):
            tab.send(f"{domain}.enable")
        tab.send("Page.navigate", {"url": url})
        return tab

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one command and wait for its reply."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + self.timeout
        while self._next_id not in self._replies:
            self._pump(deadline)
        reply = self._replies.pop(self._next_id)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def events(self, session: str) -> list[dict]:
        """The events received so far for a tab."""
        return self._events.setdefault(session, [])

    def _pump(self, deadline: float) -> None:
        try:
            message = self._inbox.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise BrowserError("chromium did not answer in time") from None
        if message is None:
            raise BrowserError("chromium closed the connection")
        if "id" in message:
            self._replies[message["id"]] = message
        else:
            self.events(message.get("sessionId", "")).append(message)

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._from_browser, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                self._inbox.put(json.loads(raw))
        os.close(self._from_browser)
        self._inbox.put(None)


class Tab:
    """A page in the browser: evaluate JavaScript, wait for a condition, take screenshots."""

    def __init__(self, browser: Browser, session: str) -> None:
        self.browser = browser
        self.session = session

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, self.session)

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the page (awaited if it is a promise)."""
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                               "awaitPromise": True})
        if "exceptionDetails" in reply:
            raise BrowserError(f"{expression}: {reply['exceptionDetails'].get('text')}")
        return reply["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0) -> float:
        """Wait until ``expression`` is true in the page; return the seconds it took."""
        started = time.monotonic()
        while True:
            try:
                if self.evaluate(expression):
                    return time.monotonic() - started
            except BrowserError:
                pass  # the page is not there yet
            if time.monotonic() - started > timeout:
                raise BrowserError(f"still not true after {timeout} s: {expression}")
            time.sleep(0.05)

    def screenshot(self, path: Path) -> None:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def console(self) -> list[str]:
        """Console messages, uncaught exceptions and browser log entries (CSP violations among them)."""
        lines = []
        for event in self.browser.events(self.session):
            params = event.get("params", {})
            if event.get("method") == "Runtime.consoleAPICalled":
                text = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params["args"])
                lines.append(f"console.{params['type']}: {text}")
            elif event.get("method") == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                lines.append(f"exception: {details.get('exception', {}).get('description', details['text'])}")
            elif event.get("method") == "Log.entryAdded":
                lines.append(f"log.{params['entry']['level']}: {params['entry']['text']}")
        return lines

    def requests(self) -> list[str]:
        """The URL of every request the page made (the page's own file included)."""
        return [event["params"]["request"]["url"] for event in self.browser.events(self.session)
                if event.get("method") == "Network.requestWillBeSent"]
