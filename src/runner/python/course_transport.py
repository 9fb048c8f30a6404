"""The network under requests in the browser: every connection urllib3 opens talks to the course's
mock API through the worker's bridge (a JavaScript function awaited with run_sync), never a socket.

It sits where a socket would, below urllib3's connection pool, so everything above it behaves as
it does against the local mock server: requests' redirects, cookies and raise_for_status, urllib3's
Retry and timeouts, and the exceptions with their usual messages (ReadTimeout, ConnectionError).
The answer comes back as the bytes of an HTTP/1.1 response and is parsed by http.client itself.
"""

import http.client
import io
import json
import linecache
import os
import socket
import sys
import time
import traceback

import certifi
import urllib3.connectionpool
from urllib3.exceptions import NewConnectionError
from pyodide.ffi import run_sync, to_js

import _course_bridge


class _Wire(io.RawIOBase):
    """What a socket would give http.client: the response's head, then its body as it arrives.

    Each read that finds nothing left asks the sandbox for the next piece and waits at most the
    socket's timeout for it, as a socket's recv does: requests' read timeout is the longest wait
    between two pieces, not for the whole body. The body comes framed as the local server frames
    it (chunked, or within a Content-Length), so http.client and urllib3 do the rest as usual.
    """

    def __init__(self, sock, head, body):
        self._sock = sock
        self._data = memoryview(bytes(head))
        self._body = body
        self._over = False

    def readable(self):
        return True

    def readinto(self, buffer):
        while not self._data:
            if self._over:
                return 0
            self._data = memoryview(self._next())
        size = min(len(buffer), len(self._data))
        buffer[:size] = self._data[:size]
        self._data = self._data[size:]
        return size

    def _next(self):
        timeout = self._sock.timeout
        if timeout is socket._GLOBAL_DEFAULT_TIMEOUT:
            timeout = None
        piece = run_sync(
            _course_bridge.read(self._body, None if timeout is None else float(timeout) * 1000)
        )
        if piece.kind == "data":
            return piece.bytes.to_bytes()
        # A timeout or the end: nothing more comes on this connection (after a timeout the
        # sandbox has ended the request, as timed out).
        self._over = True
        if piece.kind == "timeout":
            raise socket.timeout("timed out")
        # The server closed the connection, after the body or cutting it short: a socket reads
        # end-of-file, and http.client tells a short body by its framing, as it would.
        return b""

    def close(self):
        if not self._over:
            self._over = True
            # A message, not a wait: close() may run while Python collects garbage.
            _course_bridge.close(self._body)
        super().close()


class _Socket:
    """Just enough of a socket for http.client and urllib3: a timeout and a file to read."""

    def __init__(self):
        self.timeout = None
        self.answer = None
        self.wire = None

    def settimeout(self, value):
        self.timeout = value

    def gettimeout(self):
        return self.timeout

    def makefile(self, mode="rb"):
        head, body = self.answer
        if self.wire is not None:
            self.wire.close()
        self.wire = _Wire(self, head, body)
        return io.BufferedReader(self.wire)

    def close(self):
        if self.wire is not None:
            self.wire.close()


class BridgeConnection:
    """Stands in for urllib3's HTTPConnection and HTTPSConnection (one class per scheme below)."""

    scheme = "http"
    default_port = 80
    is_verified = True
    proxy_is_verified = None

    def __init__(self, host, port=None, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, **_ignored):
        self.host = host
        self.port = port or self.default_port
        self.timeout = timeout
        self.sock = _Socket()
        self._sent = None

    # urllib3 sets these on HTTPS connections before it connects.
    def set_cert(self, *args, **kwargs):
        pass

    def connect(self):
        pass

    def close(self):
        # urllib3 closes a connection whose response it gives up on: the sandbox stops sending.
        self.sock.close()

    def request(self, method, url, body=None, headers=None, **_ignored):
        self._sent = (method, url, body, dict(headers or {}))

    def request_chunked(self, method, url, body=None, headers=None):
        data = b"".join(part if isinstance(part, bytes) else str(part).encode() for part in body or [])
        self.request(method, url, data, headers)

    def _address(self):
        default = self.port == self.default_port
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}" + ("" if default else f":{self.port}")

    def getresponse(self):
        method, url, body, headers = self._sent
        if isinstance(body, str):
            body = body.encode("utf-8")
        elif body is not None and not isinstance(body, (bytes, bytearray)):
            body = b"".join(body) if not hasattr(body, "read") else body.read()
        if not url.startswith(("http://", "https://")):
            url = self._address() + url
        read_timeout = self.sock.timeout
        if read_timeout is socket._GLOBAL_DEFAULT_TIMEOUT:
            read_timeout = None
        answer = run_sync(
            _course_bridge.request(
                method,
                url,
                to_js([[str(name), str(value)] for name, value in headers.items()]),
                to_js(bytes(body)) if body is not None else None,
                None if read_timeout is None else float(read_timeout) * 1000,
            )
        )
        kind = answer.kind
        # As urllib3 says it when connect() fails.
        if kind == "refused":
            raise NewConnectionError(self, "Failed to establish a new connection: [Errno 111] Connection refused")
        if kind == "unreachable":
            raise NewConnectionError(self, "Failed to establish a new connection: [Errno -2] Name or service not known")
        if kind == "closed":
            raise http.client.RemoteDisconnected("Remote end closed connection without response")
        if kind == "timeout":
            raise socket.timeout("timed out")
        self.sock.answer = (answer.head.to_bytes(), answer.body)
        response = http.client.HTTPResponse(self.sock, method=method)
        response.begin()
        return response


class BridgeHTTPSConnection(BridgeConnection):
    scheme = "https"
    default_port = 443


def _sleep(seconds):
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    run_sync(_course_bridge.sleep(float(seconds) * 1000))


def install():
    # requests checks that its CA bundle exists before each HTTPS request. Debian's certifi names
    # the system's bundle, which this file system lacks; no certificate is ever checked here.
    bundle = certifi.where()
    os.makedirs(os.path.dirname(bundle), exist_ok=True)
    open(bundle, "a").close()
    pools = urllib3.connectionpool
    pools.HTTPConnectionPool.ConnectionCls = BridgeConnection
    pools.HTTPSConnectionPool.ConnectionCls = BridgeHTTPSConnection
    # urllib3 asks the operating system whether a pooled socket was closed; there is none to ask.
    pools.is_connection_dropped = lambda conn: False
    time.sleep = _sleep


def warm_up():
    """One request through requests, urllib3, http.client and the bridge, which the worker answers
    itself while it boots (python-worker.ts): the one-time costs of a first request are paid then,
    not inside the reader's program. Its session and pool are closed; nothing of it stays."""
    import requests

    with requests.Session() as session:
        session.get("http://127.0.0.1:4010/", params={"warm": "up"}, timeout=5).json()


# The course's own files, left out of the tracebacks a reader sees.
_MACHINERY = ("/course_transport.py", "/_pyodide/", "<frozen ")


def _keep(frame):
    return not any(part in frame.filename for part in _MACHINERY)


def _qualified(kind):
    module = kind.__module__
    return kind.__qualname__ if module in ("builtins", "__main__") else f"{module}.{kind.__qualname__}"


def run_example(code, filename="example.py"):
    """Runs the reader's program as `python3 example.py` would; returns its failure as JSON, if any."""
    namespace = {"__name__": "__main__", "__file__": filename, "__builtins__": __builtins__}
    # Tracebacks quote the reader's lines, as they would from a file.
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    try:
        exec(compile(code, filename, "exec"), namespace)
        return None
    except SystemExit as stop:
        if stop.code in (None, 0):
            return None
        failure = stop
    except BaseException as error:  # noqa: BLE001 - everything the program let escape is reported
        failure = error
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    summary = traceback.TracebackException.from_exception(failure)
    summary.stack = traceback.StackSummary.from_list([f for f in summary.stack if _keep(f)])
    # The exception the program met, not the library's exceptions it was raised from: a reader's
    # traceback ends in their own line, not three screens of urllib3.
    summary.__cause__ = summary.__context__ = None
    lines = [frame.lineno for frame in summary.stack if frame.filename == filename]
    return json.dumps(
        {
            "type": _qualified(type(failure)),
            "message": str(failure),
            "line": lines[-1] if lines else None,
            "traceback": "".join(summary.format()).rstrip("\n"),
        }
    )
