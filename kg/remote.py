"""External SPARQL stores: pushing graphs over the SPARQL 1.1 Graph Store HTTP Protocol,
and serving the embedded store with Oxigraph's own HTTP server."""
from __future__ import annotations

import base64
import os
import shutil
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset, URIRef

from .errors import KGError
from .store import union_graph

#: Environment variables holding basic-auth credentials for `kg push`.
USER_ENV, PASSWORD_ENV = "KG_PUSH_USER", "KG_PUSH_PASSWORD"
RETRIES = 3


class RemoteError(KGError):
    """A remote store refused a request or could not be reached."""

    exit_code = 4


def _request(url: str, body: bytes, sleep: Callable[[float], None] = time.sleep) -> int:
    headers = {"Content-Type": "application/n-triples"}
    user, password = os.environ.get(USER_ENV), os.environ.get(PASSWORD_ENV)
    if user is not None:
        token = base64.b64encode(f"{user}:{password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    for attempt in range(1, RETRIES + 1):
        request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status
        except urllib.error.HTTPError as e:
            if e.code < 500 or attempt == RETRIES:
                detail = e.read(300).decode("utf-8", "replace").strip().splitlines()
                raise RemoteError(f"{url}: refused with HTTP {e.code}"
                                  f"{': ' + detail[0] if detail else ''}") from e
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            if attempt == RETRIES:
                reason = getattr(e, "reason", e)
                raise RemoteError(f"{url}: cannot reach the store ({reason})") from e
        sleep(0.5 * 2 ** (attempt - 1))
    raise AssertionError("unreachable")


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of one named graph (or of the default graph)."""
    query = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


def push(ds: Dataset, endpoint: str, per_article: bool = True) -> int:
    """PUT the dataset to a Graph Store Protocol endpoint: one request per article graph
    (so pushing again replaces, never duplicates), or the union as the default graph.
    Returns the number of graphs sent."""
    if not per_article:
        body = union_graph(ds).serialize(format="nt", encoding="utf-8")
        _request(graph_url(endpoint, None), body)
        return 1
    sent = 0
    for graph in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if isinstance(graph.identifier, URIRef) and len(graph):
            _request(graph_url(endpoint, str(graph.identifier)),
                     graph.serialize(format="nt", encoding="utf-8"))
            sent += 1
    return sent


def oxigraph_command(store: Path, host: str, port: int) -> list[str]:
    """The command that serves the store over HTTP (SPARQL query/update and Graph Store);
    queries see the store's default graph, the merged graph `kg build --store` keeps."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        raise KGError("the `oxigraph` server is not installed: pip install oxigraph")
    return [binary, "serve", "--location", str(store), "--bind", f"{host}:{port}"]
