"""What every self-contained HTML page of newskg is made of (the explorer, the network
pages of `kg analyze --html`): templates and scripts shipped in kg/static, vis-network
made safe to inline, JSON that no string can break out of, and a Content-Security-Policy
that forbids every request and runs only the page's own inline scripts."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["csp", "fill", "script_json", "static", "vis_network"]

_STATIC = files("kg") / "static"


@cache
def static(name: str) -> str:
    """A file of kg/static, as text."""
    return (_STATIC / name).read_text(encoding="utf-8")


@cache
def vis_network() -> str:
    """vis-network's code, safe inside <script>, without its source-map comment (the
    map is not shipped; a browser's devtools would try to fetch it)."""
    code = re.sub(r"\n//# sourceMappingURL=\S*\s*$", "\n", static("vis-network.min.js"))
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def script_json(data: Any) -> str:
    """Canonical JSON that is safe inside a <script> element: `<`, `>`, `&`, U+2028 and
    U+2029 escaped, so that "</script>" in a string cannot end the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def csp(scripts: Iterable[str]) -> str:
    """No request of any kind; only the given inline scripts run."""
    hashes = " ".join(_sha256(s) for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def fill(template: str, values: Mapping[str, bytes]) -> bytes:
    """Replace each {{name}} of the template in one pass (inserted text is not rescanned)."""
    return re.sub(rb"\{\{(\w+)\}\}", lambda m: values[m.group(1).decode()], template.encode("utf-8"))
