#!/usr/bin/env python3
"""End-to-end check of `lessons serve` (run by `make servecheck`, part of `make test`).

Copies a small lesson into a scratch package, starts `lessons serve --port 0` there, then:
  * HTTP: every refusal — a foreign Host (DNS rebinding), a foreign or missing Origin, a missing or
    wrong token — gets 403; paths outside the site and lessons get 404; a newer run cancels an
    older one; a run that prints without end is stopped at the output cap, one that never ends at
    the lesson's timeout;
  * Debian's headless Chromium, driven over the DevTools protocol (--remote-debugging-pipe):
    loads the lesson, edits a cell, runs it and sees the new outputs (and the later cell marked as
    differing), sees a compile error at the edited cell's line, resets; then the lesson file is
    edited on disk and the open page reloads with the change.
Stops the server with SIGINT and checks that it exits. Then, with --python, serves the repository's
own lessons and checks that every file of the committed site/ is served byte for byte (HTML pages
with only the serve script's three lines added).
Usage: serve_check.py LESSONS_BINARY [--python TORCH_PYTHON] [--screenshot PNG]
(the PNG is a screenshot of the edited page).
"""
import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LESSON = "01-served"


def fail(message):
    print(f"servecheck: FAIL: {message}", flush=True)
    raise SystemExit(1)


def wait_for(what, probe, timeout=120, interval=0.2):
    """Polls probe() until it returns a true value; fails naming `what` after `timeout` s."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(interval)
    fail(f"timed out waiting for {what}")


class Server:
    """`lessons serve --port 0` in `root` (with `arguments` added)."""

    def __init__(self, binary, root, arguments):
        self.process = subprocess.Popen([binary, "serve", "--port", "0"] + arguments, cwd=root,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.lines = []
        ready = threading.Event()

        def read():
            for line in self.process.stdout:
                print("  | " + line.rstrip(), flush=True)
                self.lines.append(line)
                if "serving http://" in line:
                    ready.set()
        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(600):
            self.stop()
            fail("the server printed no address")
        match = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+)", "".join(self.lines))
        self.port, self.token = int(match.group(1)), match.group(2)
        self.origin = f"http://127.0.0.1:{self.port}"

    @classmethod
    def scratch(cls, binary, scratch):
        """A server for a scratch package holding Lessons/01-served.md and a file it must not serve."""
        lesson_file = os.path.join(scratch, "Lessons", LESSON + ".md")
        os.makedirs(os.path.dirname(lesson_file))
        shutil.copy(os.path.join(HERE, LESSON + ".md"), lesson_file)
        with open(os.path.join(scratch, "secret.txt"), "w") as f:
            f.write("not for the browser\n")
        server = cls(binary, scratch, ["--no-twins"])
        server.lesson_file = lesson_file
        return server

    def request(self, method, path, body=None, headers=None, timeout=120):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        all_headers = {"Host": f"127.0.0.1:{self.port}"}
        all_headers.update(headers or {})
        for name, value in all_headers.items():
            if value is not None:
                connection.putheader(name, value)
        data = body.encode() if body is not None else None
        if data is not None:
            connection.putheader("Content-Length", str(len(data)))
        connection.endheaders(data)
        response = connection.getresponse()
        text = response.read().decode()
        connection.close()
        return response.status, text

    def run_cell(self, line, source, **overrides):
        headers = {"Origin": self.origin, "X-Lessons-Token": self.token, "Content-Type": "application/json"}
        headers.update(overrides)
        body = json.dumps({"lesson": LESSON, "line": line, "source": source})
        return self.request("POST", "/_serve/run", body, headers)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                fail("the server did not stop on SIGINT")


def check_http(server):
    expect = lambda want, got, what: got[0] == want or fail(f"{what}: HTTP {got[0]}, expected {want}: {got[1][:200]}")
    expect(200, server.request("GET", "/"), "the index")
    expect(200, server.request("GET", f"/{LESSON}.html"), "the lesson page")
    expect(200, server.request("GET", "/assets/site.css"), "a file in a folder of the site")
    expect(403, server.request("GET", "/", headers={"Host": f"attacker.example:{server.port}"}), "a DNS-rebinding Host")
    expect(403, server.request("GET", "/", headers={"Host": None}), "no Host")
    expect(403, server.run_cell(7, 'print("x")\n', **{"X-Lessons-Token": None}), "a run without the token")
    expect(403, server.run_cell(7, 'print("x")\n', **{"X-Lessons-Token": "0" * 32}), "a run with a wrong token")
    expect(403, server.run_cell(7, 'print("x")\n', Origin="http://attacker.example"), "a run from another site")
    expect(403, server.run_cell(7, 'print("x")\n', Origin=None), "a run without Origin")
    expect(403, server.run_cell(7, 'print("x")\n', Host=f"attacker.example:{server.port}",
                                Origin=f"http://attacker.example:{server.port}"), "a run through a rebinding host")
    for path in ["/secret.txt", "/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt",
                 "/Lessons/01-served.md", "/_serve/..%2fsecret.txt", "/.lessons-cache/", "//etc/passwd"]:
        status, text = server.request("GET", path)
        if status != 404 or "not for the browser" in text:
            fail(f"{path} was answered with HTTP {status}")
    expect(400, server.run_cell(99, 'print("x")\n'), "a run of a line that holds no cell")
    expect(400, server.run_cell(7, 'print("x")\n```\n\n```swift\nprint("y")\n'), "an edit that closes the fence")
    print("servecheck: HTTP refusals ok (403 for host, origin and token; 404 outside the site)", flush=True)

    # A newer run of the lesson cancels the older one, which answers at once as superseded.
    results = {}
    slow = threading.Thread(target=lambda: results.setdefault("slow", server.run_cell(
        7, 'import Foundation\nThread.sleep(forTimeInterval: 60)\nvar depth = 1\n')))
    start = time.time()
    slow.start()
    time.sleep(1.0)
    status, text = server.run_cell(7, 'var depth = 4\nprint("depth", depth)\n')
    slow.join(90)
    if status != 200 or json.loads(text)["status"] != "finished":
        fail(f"the newer run did not finish: {status} {text[:300]}")
    slow_status, slow_text = results.get("slow", (0, ""))
    if slow_status != 200 or json.loads(slow_text)["status"] != "superseded" or time.time() - start > 55:
        fail(f"the older run was not cancelled: {slow_status} {slow_text[:300]}")
    print(f"servecheck: a newer run cancelled the older ({time.time() - start:.1f} s for both)", flush=True)

    status, text = server.run_cell(7, 'var depth = 3\nwhile true { print("spam spam spam spam spam spam") }\n')
    report = json.loads(text) if status == 200 else fail(f"the spamming run: HTTP {status}")
    if not any("printed more than" in p for p in report["problems"]):
        fail(f"the output cap did not stop the run: {report['problems']}")
    if report["seconds"] >= 8:  # the lesson's timeout: the cap must stop the cell before it
        fail(f"the output cap stopped the run only at the timeout ({report['seconds']:.1f} s)")
    print(f"servecheck: output cap stopped a run after {report['seconds']:.1f} s", flush=True)

    status, text = server.run_cell(7, 'var depth = 3\nwhile depth > 0 { depth = 3 }\n')
    report = json.loads(text) if status == 200 else fail(f"the endless run: HTTP {status}")
    if not any("the lesson was stopped" in p for p in report["problems"]):
        fail(f"the lesson's timeout did not stop the run: {report['problems']}")
    print(f"servecheck: the lesson's 8 s timeout stopped an endless run ({report['seconds']:.1f} s)", flush=True)


class Chromium:
    """Debian's chromium, headless, spoken to over the DevTools protocol on a pipe (fds 3 and 4)."""

    def __init__(self, profile):
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def child_fds():  # move the two ends to fds 3 and 4 without one overwriting the other first
            reads, writes = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reads, 3)
            os.dup2(writes, 4)
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "--window-size=1100,900", "about:blank"],
            preexec_fn=child_fds, pass_fds=(3, 4),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.buffer = b""
        self.next_id = 0
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=True)

    def send(self, method, params=None, session=False):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            while b"\0" not in self.buffer:
                chunk = os.read(self.from_browser, 1 << 16)
                if not chunk:
                    fail("chromium closed the DevTools pipe")
                self.buffer += chunk
            raw, self.buffer = self.buffer.split(b"\0", 1)
            reply = json.loads(raw)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    fail(f"{method}: {reply['error']}")
                return reply["result"]

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            fail(f"script error in {expression[:80]!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def probe(self, expression):
        """The value of `expression`, or None while the page is not there to answer (loading)."""
        return self.evaluate(f"(() => {{ try {{ return {expression}; }} catch (e) {{ return null; }} }})()")

    def navigate(self, url):
        self.send("Page.navigate", {"url": url}, session=True)

    def screenshot(self, path):
        import base64
        data = self.send("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close")
        except SystemExit:
            pass
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def text_of(selector):
    return f"(document.querySelector({json.dumps(selector)}) || {{}}).textContent || ''"


def check_browser(server, scratch, screenshot):
    browser = Chromium(os.path.join(scratch, "profile"))
    try:
        page = lambda js: browser.evaluate(js)
        browser.navigate(f"{server.origin}/{LESSON}.html?token={server.token}")
        wait_for("the edit buttons", lambda: browser.probe("document.documentElement.dataset.serveCells") == "editable")
        wait_for("the reload stream", lambda: browser.probe("document.documentElement.dataset.serveLive") == "1")
        if "token=" in page("location.href"):
            fail("the token stayed in the address bar")
        first, second = "#cell-7", "#cell-18"

        # Edit the first cell, run it: its output and the later cell's change; the later one differs.
        page(f"document.querySelector('{first} .serve-edit').click()")
        page(f"document.querySelector('{first} .serve-editor').value = 'var depth = 5\\nprint(\"depth\", depth)\\n'")
        page(f"document.querySelector('{first} .serve-run').click()")
        wait_for("the edited run", lambda: page(f"document.querySelector('{first}').dataset.runState") in ("done", "error"))
        if page(f"document.querySelector('{first}').dataset.runState") != "done":
            fail("the run failed: " + page(text_of(f"{first} .serve-status")))
        if page(text_of(f"{first} .output")).strip() != "depth 5":
            fail(f"the edited cell shows {page(text_of(first + ' .output'))!r}")
        if page(text_of(f"{second} .output")).strip() != "layers 10":
            fail(f"the later cell shows {page(text_of(second + ' .output'))!r}")
        if not page(f"document.querySelector('{second}').classList.contains('serve-differs')"):
            fail("the later cell's output is not marked as differing from the expected output")
        if "differs" not in page(text_of(f"{second} .error-box")):
            fail("the later cell has no 'differs' box")
        if screenshot:
            page(f"document.querySelector('{first}').scrollIntoView()")
            browser.screenshot(screenshot)
        print("servecheck: browser edit and run ok (depth 5 → layers 10, marked as differing)", flush=True)

        # A compile error shows at the edited cell, with the Markdown line of the bad code.
        page(f"document.querySelector('{first} .serve-editor').value = 'var depth: Int = \"five\"\\n'")
        page(f"document.querySelector('{first} .serve-run').click()")
        wait_for("the compile-error run", lambda: page(f"document.querySelector('{first}').dataset.runState") == "done"
                 and "error" in page(text_of(f"{first} .error-box")))
        problems = page(text_of(f"{first} .serve-problems"))
        if f"Lessons/{LESSON}.md:8:" not in problems:
            fail(f"the compile error is not at the edited cell's line 8: {problems!r}")
        print("servecheck: browser compile error ok (at Lessons/01-served.md:8)", flush=True)

        # Reset puts the lesson's code and outputs back.
        page(f"document.querySelector('{first} .serve-reset').click()")
        if page(text_of(f"{first} .output")).strip() != "depth 3" or page(f"!!document.querySelector('{first} .serve-editor')"):
            fail("Reset did not restore the first cell")
        if page(text_of(f"{second} .output")).strip() != "layers 6":
            fail("Reset did not restore the later cell")
        print("servecheck: browser reset ok", flush=True)

        # The author edits the lesson file: the open page reloads with the change.
        page("window.servecheckMarker = 1")
        with open(server.lesson_file) as f:
            text = f.read()
        with open(server.lesson_file, "w") as f:
            f.write(text.replace("## Using the depth", "## Using the depth, twice").replace("depth * 2", "depth * 20"))
        wait_for("the page to reload after the lesson changed",
                 lambda: browser.probe("window.servecheckMarker === undefined && document.body.innerText.includes('twice')"),
                 timeout=300)
        wait_for("the new output", lambda: "layers 60" in (browser.probe(text_of(second)) or ""))
        print("servecheck: live reload ok (the lesson file changed, the page reloaded)", flush=True)
    finally:
        browser.close()


def check_committed_site(binary, python):
    """Serves the repository's lessons: every file of site/ must come back byte for byte."""
    root = os.path.dirname(os.path.dirname(HERE))
    server = Server(binary, root, ["--python", python])
    try:
        injected = re.compile(rb'<link rel="stylesheet" href="_serve/serve.css">\n'
                              rb'<script id="lessons-serve" type="application/json">[^\n]*\n'
                              rb'<script src="_serve/serve.js"></script>\n')
        site = os.path.join(root, "site")
        paths = [os.path.relpath(os.path.join(folder, name), site)
                 for folder, _, names in os.walk(site) for name in names]
        for path in paths:
            connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
            connection.request("GET", "/" + path)
            served = connection.getresponse().read()
            connection.close()
            if path.endswith(".html"):
                served, count = injected.subn(b"", served)
                if count != 1:
                    fail(f"{path}: the serve script is not added exactly once")
            with open(os.path.join(site, path), "rb") as f:
                if f.read() != served:
                    fail(f"{path} is served differently from the committed site/")
        print(f"servecheck: the repository's {len(paths)} site files served byte for byte", flush=True)
    finally:
        server.stop()


def main():
    options = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    options.add_argument("binary")
    options.add_argument("--python", help="Python with torch: also check the committed site is served as is")
    options.add_argument("--screenshot", help="PNG of the edited page")
    arguments = options.parse_args()
    binary = os.path.abspath(arguments.binary)
    screenshot = os.path.abspath(arguments.screenshot) if arguments.screenshot else None
    scratch = tempfile.mkdtemp(prefix="lessons-servecheck-")
    server = None
    try:
        server = Server.scratch(binary, scratch)
        check_http(server)
        check_browser(server, scratch, screenshot)
        server.stop()
        # Ctrl-C ends it gracefully, or, once it has started lesson processes, through the runner's
        # cleanup, which kills them and then dies of the signal as every `lessons` command does.
        if server.process.returncode not in (0, -signal.SIGINT):
            fail(f"the server did not stop cleanly on SIGINT (exit {server.process.returncode})")
        if not any("changed" in line for line in server.lines):
            fail("no progress line for the rebuild")
        if arguments.python:
            check_committed_site(binary, arguments.python)
        print("servecheck: ok", flush=True)
    finally:
        if server:
            server.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
