"""A self-contained HTML report of the graph: headline tables and matplotlib charts.

`write_report` writes `out/report.html` (one file: charts embedded as data: URIs, CSS
inline, a Content-Security-Policy that forbids every request) and each chart as a PNG
beside it. Charts are drawn with matplotlib's Agg canvas at fixed sizes and saved
without a software/date stamp, so the same graph gives the same bytes.
"""
from __future__ import annotations

import base64
import io
from collections import Counter
from collections.abc import Callable
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from .analytics import PROJECTIONS, analyze, project, runner
from .query import Result, canned_queries
from .store import write_all

__all__ = ["report_data", "write_report"]

RunSparql = Callable[[str], Result]

_KINDS = ("articles", "persons", "meetings", "countries", "threats")
_SIZE = (9.0, 5.0)  # inches, every chart
_DPI = 100
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _parse_date(text: str | None) -> date | None:
    """A kgo:date value (YYYY, YYYY-MM or YYYY-MM-DD) as the first day it may mean."""
    if not text:
        return None
    parts = text.split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1,
                    int(parts[2][:2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def report_data(run_sparql: RunSparql, top: int = 10) -> dict[str, Any]:
    """What the report shows, as plain data (also handy for tests and notebooks)."""
    run_sparql = runner(run_sparql)
    counts = dict.fromkeys(_KINDS, 0)
    for kind, n in run_sparql(canned_queries()["counts"]).rows:
        counts[str(kind)] = int(n or 0)
    queries = canned_queries()
    meetings = [(m, d) for m, d, *_ in run_sparql(queries["meetings"]).rows if m]
    per_month: dict[str, Counter] = {}
    year_only = set()
    for meeting, day, threat in run_sparql(queries["threats"]).rows:
        if not day or not threat:
            continue
        if len(day) < 7:
            year_only.add(meeting)
            continue
        per_month.setdefault(day[:7], Counter())[threat] += 1
    pairs = project(run_sparql, PROJECTIONS["country-pairs"])
    country_pairs = sorted(((f"{a}–{b}", int(d["weight"]), d.get("threats", []))
                            for a, b, d in pairs.edges(data=True)),
                           key=lambda p: (-p[1], p[0]))
    return {"counts": counts, "analysis": analyze(run_sparql, top=top),
            "meetings": sorted(meetings, key=lambda m: (m[1] or "", m[0])),
            "threats_per_month": {m: dict(sorted(c.items())) for m, c in sorted(per_month.items())},
            "year_only": sorted(year_only), "country_pairs": country_pairs}


# --- charts -----------------------------------------------------------------------------

def _figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # A bare Figure on the Agg canvas: no pyplot, no display, no global backend change.
    fig = Figure(figsize=_SIZE, dpi=_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=_DPI, metadata={"Software": None})
    return buf.getvalue()


def _empty(ax, title: str) -> None:
    ax.set_title(title)
    ax.text(0.5, 0.5, "aucune donnée", ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


def _threats_chart(per_month: dict[str, dict[str, int]]) -> bytes:
    fig, ax = _figure()
    title = "Menaces abordées par mois (réunions)"
    if not per_month:
        _empty(ax, title)
        return _png(fig)
    months = list(per_month)
    threats = sorted({t for c in per_month.values() for t in c})
    from matplotlib import colormaps

    cmap = colormaps["tab20"]
    bottom = [0] * len(months)
    for i, threat in enumerate(threats):
        values = [per_month[m].get(threat, 0) for m in months]
        ax.bar(range(len(months)), values, bottom=bottom, label=threat, color=cmap(i % 20))
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(range(len(months)), months, rotation=60, ha="right", fontsize=8)
    ax.set_ylabel("réunions")
    ax.set_ylim(0, max(bottom) * 1.4)  # room for the legend
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title)
    ax.legend(fontsize=7, loc="upper left", ncols=2, frameon=False)
    return _png(fig)


def _barh(labels: list[str], values: list[float], title: str, xlabel: str) -> bytes:
    fig, ax = _figure()
    if not labels:
        _empty(ax, title)
        return _png(fig)
    ax.barh(range(len(labels)), values, color="#4c72b0")
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    if all(float(v).is_integer() for v in values):
        ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_title(title)
    return _png(fig)


def _timeline_chart(meetings: list[tuple[str, str | None]]) -> bytes:
    fig, ax = _figure()
    title = "Chronologie des réunions"
    dated = [(m, d) for m, d in ((m, _parse_date(d)) for m, d in meetings) if d]
    if not dated:
        _empty(ax, title)
        return _png(fig)
    ax.scatter([d for _, d in dated], range(len(dated)), color="#c44e52", zorder=3)
    ax.set_yticks(range(len(dated)), [m for m, _ in dated], fontsize=7)
    ax.invert_yaxis()
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title)
    return _png(fig)


def _charts(data: dict[str, Any]) -> dict[str, tuple[str, bytes]]:
    """File name -> (caption, PNG bytes)."""
    degree = data["analysis"]["coattendance"]["degree"]
    pairs = data["country_pairs"][:15]
    return {
        "threats_per_month.png": ("Menaces abordées par mois", _threats_chart(data["threats_per_month"])),
        "country_pairs.png": ("Réunions par paire de pays", _barh(
            [p[0] for p in pairs], [p[1] for p in pairs],
            "Réunions communes par paire de pays", "réunions")),
        "central_persons.png": ("Personnes les plus centrales (co-participation)", _barh(
            [r["node"] for r in degree], [r["score"] for r in degree],
            "Personnes les plus centrales (centralité de degré)", "centralité de degré")),
        "meetings_timeline.png": ("Chronologie des réunions", _timeline_chart(data["meetings"])),
    }


# --- HTML -------------------------------------------------------------------------------

_CSS = """body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:980px;color:#222}
h1{margin-bottom:.2rem}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border-bottom:1px solid #ddd;padding:.25rem .7rem;text-align:left;vertical-align:top}
td.n{text-align:right}figure{margin:1.5rem 0}img{max-width:100%;border:1px solid #eee}
figcaption{color:#555;font-size:.9rem}.note{color:#666;font-size:.9rem}"""


def _numeric(value: Any) -> bool:
    return isinstance(value, str) and value.replace(".", "", 1).isdigit()


def _html_table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(
        f'<td class="n">{escape(str(v))}</td>' if isinstance(v, (int, float)) or _numeric(v)
        else f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _html(title: str, data: dict[str, Any], charts: dict[str, tuple[str, bytes]]) -> str:
    coatt = data["analysis"]["coattendance"]
    labels = {"articles": "articles", "persons": "personnes", "meetings": "réunions",
              "countries": "pays", "threats": "menaces"}
    parts = [f"<h1>{escape(title)}</h1>", "<h2>En bref</h2>",
             _html_table(["", "nombre"], [[labels[k], v] for k, v in data["counts"].items()]),
             "<h2>Personnes les plus centrales</h2>",
             _html_table(["personne", "centralité de degré", "co-participants"],
                         [[r["node"], f"{r['score']:.4f}", r["links"]] for r in coatt["degree"]]),
             "<h2>Intermédiaires (centralité d'intermédiarité)</h2>",
             _html_table(["personne", "intermédiarité", "co-participants"],
                         [[r["node"], f"{r['score']:.4f}", r["links"]]
                          for r in coatt["betweenness"]]),
             "<h2>Liens les plus forts (co-participation)</h2>",
             _html_table(["personne", "personne", "réunions communes"],
                         [[t["src"], t["dst"], t["weight"]] for t in coatt["ties"]]),
             "<h2>Paires de pays</h2>",
             _html_table(["paire", "réunions communes", "menaces"],
                         [[p, n, " ".join(t)] for p, n, t in data["country_pairs"]])]
    for name, (caption, png) in charts.items():
        uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
        parts.append(f'<figure><img src="{uri}" alt="{escape(caption)}" data-file="{escape(name)}">'
                     f"<figcaption>{escape(caption)}</figcaption></figure>")
    if data["year_only"]:
        parts.append(f'<p class="note">Réunions datées seulement de l\'année, absentes du '
                     f'graphique par mois : {escape(", ".join(data["year_only"]))}.</p>')
    errors = [f"{p} / {m} : {e}" for p, entry in data["analysis"].items()
              for m, e in entry["errors"].items()]
    if errors:
        parts.append("<h2>Mesures en échec</h2><ul>" +
                     "".join(f"<li>{escape(e)}</li>" for e in errors) + "</ul>")
    return ("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n<body>\n"
            + "\n".join(parts) + "\n</body></html>\n")


def write_report(run_sparql: RunSparql, out: Path, title: str = "newskg", top: int = 10) -> Path:
    """Write `out/report.html` and one PNG per chart in `out/`; return the HTML's path.

    `run_sparql` is a function str -> `kg.query.Result` (or a Dataset or GraphStore,
    see `kg.analytics.runner`). All files are written together or not at all.
    """
    out = Path(out)
    data = report_data(run_sparql, top=top)
    charts = _charts(data)
    html = _html(title, data, charts)
    files = {out / name: png for name, (_, png) in charts.items()}
    files[out / "report.html"] = html.encode("utf-8")
    write_all(files)
    return out / "report.html"
