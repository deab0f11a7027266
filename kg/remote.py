"""Pushing graphs to an external store over the SPARQL 1.1 Graph Store HTTP Protocol."""
from __future__ import annotations

import base64
import http.client
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable

from rdflib import Dataset, Graph, URIRef

from .errors import RemoteError, UsageError
from .store import union_graph

#: Environment variables holding credentials for `kg push`: basic auth, or a bearer token
#: (what `kg serve --writable` asks for).
USER_ENV, PASSWORD_ENV, TOKEN_ENV = "KG_PUSH_USER", "KG_PUSH_PASSWORD", "KG_PUSH_TOKEN"
RETRIES = 3
#: Seconds one request may take, and the whole push.
TIMEOUT, DEADLINE = 30.0, 600.0


def check_endpoint(endpoint: str) -> str:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--endpoint {endpoint!r}: expected an http:// or https:// URL "
                         "(e.g. http://127.0.0.1:7878/store)")
    return endpoint


def _headers() -> dict[str, str]:
    headers = {"Content-Type": "application/n-triples"}
    user, password, token = (os.environ.get(v) for v in (USER_ENV, PASSWORD_ENV, TOKEN_ENV))
    if token:
        headers["Authorization"] = f"Bearer {token}"
    elif user is not None:
        basic = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {basic}"
    return headers


class _Session:
    """Requests to one endpoint under one deadline, each retried on transient errors."""

    def __init__(self, timeout: float = TIMEOUT, deadline: float = DEADLINE,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.timeout = timeout
        self.ends = time.monotonic() + deadline
        self.deadline = deadline
        self.sleep = sleep
        self.headers = _headers()

    def put(self, url: str, body: bytes) -> int:
        for attempt in range(1, RETRIES + 1):
            left = self.ends - time.monotonic()
            if left <= 0:
                raise RemoteError(f"{url}: the push took longer than {self.deadline:g} s; stopped")
            request = urllib.request.Request(url, data=body, method="PUT", headers=self.headers)
            try:
                with urllib.request.urlopen(request, timeout=min(self.timeout, left)) as response:
                    return response.status
            except urllib.error.HTTPError as e:
                if e.code < 500 or attempt == RETRIES:
                    detail = e.read(300).decode("utf-8", "replace").strip().splitlines()
                    raise RemoteError(f"{url}: refused with HTTP {e.code}"
                                      f"{': ' + detail[0] if detail else ''}") from e
            except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
                if attempt == RETRIES:
                    reason = getattr(e, "reason", None) or e
                    if isinstance(e, http.client.HTTPException):
                        reason = f"not an HTTP answer: {type(e).__name__}"
                    elif isinstance(reason, TimeoutError) or "timed out" in str(reason):
                        reason = f"no answer within {self.timeout:g} s"
                    raise RemoteError(f"{url}: cannot reach the store ({reason})") from e
            self.sleep(min(0.5 * 2 ** (attempt - 1), max(0.0, self.ends - time.monotonic())))
        raise AssertionError("unreachable")


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of one named graph (or of the default graph)."""
    query = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def push(ds: Dataset, endpoint: str, per_article: bool = True, merged: Graph | None = None,
         timeout: float = TIMEOUT, deadline: float = DEADLINE) -> int:
    """PUT the dataset to a Graph Store Protocol endpoint: one request per article graph
    (so pushing again replaces, never duplicates), then the merged graph (`merged`, else
    the union of the article graphs) as the default graph, so that queries on the
    endpoint see what they see locally. Without `per_article` only the default graph is
    sent. Each request gets `timeout` seconds, the whole push `deadline`. Returns the
    number of graphs sent."""
    check_endpoint(endpoint)
    session = _Session(timeout, deadline)
    sent = 0
    if per_article:
        for graph in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
            if isinstance(graph.identifier, URIRef) and len(graph):
                session.put(graph_url(endpoint, str(graph.identifier)),
                            graph.serialize(format="nt", encoding="utf-8"))
                sent += 1
    default = merged if merged is not None else union_graph(ds)
    session.put(graph_url(endpoint, None), default.serialize(format="nt", encoding="utf-8"))
    return sent if per_article else 1
