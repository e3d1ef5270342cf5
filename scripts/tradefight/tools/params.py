"""Notebook parameters: parsed from the command line, checked against each notebook's parameters cell."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .layout import ROOT, BuildError


def parse(data_dir: Path, as_of: str, scenario: str, extra: list[str]) -> dict:
    """The parameters of a build, with the as-of date and the scenario checked for form."""
    params: dict = {"data_dir": str(data_dir.resolve()), "as_of": as_of}
    if as_of:
        try:
            dt.date.fromisoformat(as_of)
        except ValueError:
            raise BuildError(f"AS_OF={as_of!r} is not a date; expected YYYY-MM-DD, e.g. 2025-06-09") from None
    if scenario:
        params["scenario"] = scenario
    for item in extra:
        name, sep, value = item.partition("=")
        if not sep or not name.isidentifier():
            raise BuildError(f"parameter {item!r}: expected NAME=VALUE")
        params[name] = value
    return params


def check_scenario(name: str, data_dir: Path) -> None:
    """Refuse a scenario that scenarios.csv does not hold."""
    from .. import data, scenarios

    known = scenarios.names(data.load(data_dir, "scenarios"))
    if name not in known:
        raise BuildError(f"scenario {name!r} is unknown; expected one of: {', '.join(known)}")


def declared(notebooks: list[Path], record: Path | None = None) -> dict[Path, dict]:
    """Per notebook, its parameters cell as papermill reads it (kept in `record`, by notebook content)."""
    from .cache import file_hash, read_record, write_record

    saved = read_record(record) if record else {}
    out, fresh = {}, {}
    for nb in notebooks:
        digest = file_hash(nb)
        if digest not in saved:
            import papermill as pm

            saved[digest] = {k: {"inferred_type_name": v["inferred_type_name"]}
                             for k, v in pm.inspect_notebook(str(nb)).items()}
        out[nb] = fresh[digest] = saved[digest]
    if record:
        write_record(record, fresh)
    return out


def latest_date(data_dir: Path) -> str:
    """The default as-of date, YYYY-MM-DD: the latest date the data records (see data.latest_date)."""
    from ..data import latest_date as latest

    return f"{latest(data_dir):%Y-%m-%d}"


def per_notebook(notebooks: list[Path], params: dict, record: Path | None = None) -> dict[Path, dict]:
    """Per notebook, the parameters it declares, typed like its defaults. Unknown names are refused."""
    declared_ = declared(notebooks, record)
    for nb, names in declared_.items():
        for needed in ("data_dir", "as_of"):
            if needed not in names:
                raise BuildError(f"{nb.relative_to(ROOT)}: its parameters cell must define {needed}")
    known = set().union(*declared_.values()) if declared_ else set()
    for name in params:
        if name not in known:
            raise BuildError(f"unknown parameter {name!r}; notebooks accept: {', '.join(sorted(known))}")
    out = {}
    for nb, names in declared_.items():
        mine = {}
        for name, value in params.items():
            if name not in names:
                continue
            kind = names[name]["inferred_type_name"]
            try:
                mine[name] = {"int": int, "float": float}.get(kind, str)(value)
            except ValueError:
                raise BuildError(f"parameter {name}={value!r}: expected {kind} (see {nb.name})") from None
        out[nb] = mine
    return out
