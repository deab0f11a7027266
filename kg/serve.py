"""`kg serve`: the store as a SPARQL endpoint that only its user can change.

Oxigraph's own server does the SPARQL work on a private port of 127.0.0.1, started
read-only (several readers may share the store) with a query timeout. In front of it, a
small HTTP server on the public address decides what may reach it:

- requests a web page makes from another origin are refused (a page in the user's
  browser must not query or change the store), and no CORS header is ever sent;
- writing (SPARQL Update, Graph Store PUT/POST/DELETE) is refused unless the server was
  started `writable`, and then needs `Authorization: Bearer TOKEN`;
- a query or update that would make the server fetch from the network (`SERVICE`,
  `LOAD`) is refused unless allowed;
- after every write the default graph is made again the merged graph of the article
  graphs, so it never drifts from them (a dropped article's facts leave it too).
"""
from __future__ import annotations

import hmac
import http.client
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .errors import KGError, UsageError
from .query import network_clauses

#: SPARQL that makes the default graph the merged graph of the article graphs again.
RESYNC = "DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
#: Largest request body accepted (a Graph Store PUT of one big article graph fits).
MAX_BODY = 64_000_000


def oxigraph_binary() -> str:
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        raise KGError("the `oxigraph` server is not installed: pip install oxigraph")
    return binary


def oxigraph_command(store: Path, host: str, port: int, writable: bool = True,
                     timeout: float | None = None) -> list[str]:
    """Oxigraph's own server on the store (what the front forwards to)."""
    command = [oxigraph_binary(), "serve" if writable else "serve-read-only",
               "--location", str(store), "--bind", f"{host}:{port}"]
    if timeout:
        command += ["--timeout-s", str(max(1, round(timeout)))]
    return command


@dataclass(frozen=True)
class Answer:
    """What the store answered: status, the headers passed on, body."""

    status: int
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Policy:
    writable: bool = False
    token: str | None = None
    allow_network: bool = False
    timeout: float = 30.0


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Front(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, upstream: tuple[str, int], policy: Policy) -> None:
        super().__init__(address, Handler)
        self.upstream = upstream
        self.policy = policy
        self.write_lock = threading.Lock()
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        names = {host, "127.0.0.1", "localhost"} if host in ("127.0.0.1", "localhost") else {host}
        self.origins = {f"http://{name}:{port}" for name in names}


class Handler(BaseHTTPRequestHandler):
    server: Front
    protocol_version = "HTTP/1.1"
    server_version = "newskg"

    def log_message(self, format: str, *args) -> None:  # one line per request, on stderr
        sys.stderr.write(f"kg serve: {self.command} {self.path.split('?')[0]} "
                         f"{args[1] if len(args) > 1 else ''}\n")

    # --- the decisions --------------------------------------------------------------------

    def _cross_origin(self) -> bool:
        origin = self.headers.get("Origin")
        if origin is not None and origin not in self.server.origins:
            return True
        return self.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none")

    def _is_write(self, path: str) -> bool:
        return path == "/update" or (path == "/store" and self.command in ("PUT", "POST", "DELETE"))

    def _authorised(self) -> bool:
        token = self.server.policy.token
        given = self.headers.get("Authorization", "")
        return bool(token) and hmac.compare_digest(given.encode(), f"Bearer {token}".encode())

    @staticmethod
    def _sparql_text(path_query: str, body: bytes, content_type: str) -> str:
        """The query or update a request carries, wherever it carries it."""
        fields = urllib.parse.parse_qs(path_query)
        if content_type.startswith("application/x-www-form-urlencoded"):
            fields.update(urllib.parse.parse_qs(body.decode("utf-8", "replace")))
        elif content_type.startswith(("application/sparql-query", "application/sparql-update")):
            return body.decode("utf-8", "replace")
        return " ".join(v for key in ("query", "update") for v in fields.get(key, []))

    # --- answering ------------------------------------------------------------------------

    def _refuse(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        data = (message + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._refuse(413, f"request body over {MAX_BODY} bytes")
            return None
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if self._cross_origin():
            self._refuse(403, "cross-origin requests are refused")
            return
        body = self._body()
        if body is None:
            return
        write = self._is_write(url.path)
        policy = self.server.policy
        if write and not policy.writable:
            self._refuse(403, "this server is read-only (kg serve --writable allows writes)")
            return
        if write and not self._authorised():
            self._refuse(401, "writing needs Authorization: Bearer TOKEN",
                         {"WWW-Authenticate": 'Bearer realm="newskg"'})
            return
        if url.path in ("/query", "/update") and not policy.allow_network:
            found = network_clauses(self._sparql_text(url.query, body,
                                                      self.headers.get("Content-Type", "")))
            if found:
                self._refuse(403, f"{' and '.join(found)} would make the server fetch from the "
                             "network; refused (kg serve --allow-network allows it)")
                return
        if write:  # the merged graph is made again before the writer hears back
            with self.server.write_lock:
                response = self._upstream(url, body)
                if response is not None and 200 <= response.status < 300:
                    self._call("POST", "/update", RESYNC.encode(), "application/sparql-update")
        else:
            response = self._upstream(url, body)
        if response is not None:
            self._relay(response)

    def _call(self, method: str, path: str, body: bytes, content_type: str | None,
              accept: str | None = None) -> Answer:
        host, port = self.server.upstream
        connection = http.client.HTTPConnection(host, port, timeout=self.server.policy.timeout + 10)
        headers = {"Content-Length": str(len(body))}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            kept = {key: value for key in ("Content-Type", "Location")
                    if (value := response.getheader(key))}
            return Answer(response.status, kept, response.read())
        finally:
            connection.close()

    def _upstream(self, url, body: bytes) -> Answer | None:
        """The store's answer to the request, or None after answering the client with
        the reason it has none."""
        path = url.path + (f"?{url.query}" if url.query else "")
        try:
            return self._call(self.command, path, body, self.headers.get("Content-Type"),
                              self.headers.get("Accept"))
        except (OSError, http.client.HTTPException) as e:
            self._refuse(504 if isinstance(e, TimeoutError) else 502,
                         f"the store did not answer ({e})")
            return None

    def _relay(self, response: Answer) -> None:
        self.send_response(response.status)
        for key, value in response.headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

    def do_OPTIONS(self) -> None:  # a CORS preflight: never granted
        self._refuse(403, "cross-origin requests are refused")


def _wait_until_up(process: subprocess.Popen, port: int, seconds: float = 30) -> None:
    import socket

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise KGError(f"the store server stopped at start (exit {process.returncode}); "
                          "is the store in use by a writer?")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise KGError("the store server did not start")


def serve(store: Path, host: str, port: int, policy: Policy, ready=None) -> None:
    """Serve the store until interrupted; `ready(url)` is called once it answers."""
    import signal

    if not (Path(store) / "CURRENT").is_file():
        raise UsageError(f"{store}: no such store (kg build --store creates one)")
    if policy.writable and not policy.token:
        raise UsageError("a writable server needs a token")
    inner = _free_port()
    process = subprocess.Popen(oxigraph_command(store, "127.0.0.1", inner, policy.writable,
                                                policy.timeout),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_until_up(process, inner)
        try:
            front = Front((host, port), ("127.0.0.1", inner), policy)
        except OSError as e:
            raise KGError(f"cannot listen on {host}:{port} ({e.strerror})") from e

        def stop(*_):
            threading.Thread(target=front.shutdown, daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        if ready is not None:
            ready(f"http://{host}:{front.server_address[1]}")
        with front:
            front.serve_forever(poll_interval=0.2)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
