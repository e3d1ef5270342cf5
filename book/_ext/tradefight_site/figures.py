"""Files beside each page, from the records its notebook carries: chart CSV/SVG/PNG and embed pages,
other downloads, share-card images; and the page's Open Graph fields and notebook link."""
from __future__ import annotations

import copy
import hashlib
import json
import os
import posixpath
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import cards, trim

FIGURE_MIME = "application/vnd.tradefight.figure+json"
FILES_MIME = "application/vnd.tradefight.files+json"
GLUE_PREFIX = "application/papermill.record/"
STATIC_WIDTH = 720


def records(nb_path: Path) -> tuple[list[dict], dict[str, str]]:
    """(figure records in page order, other files path -> text) carried by a notebook's outputs."""
    figs, files = [], {}
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            data = {k.removeprefix(GLUE_PREFIX): v for k, v in out.get("data", {}).items()}
            if FIGURE_MIME in data:
                figs.append(data[FIGURE_MIME])
            if FILES_MIME in data:
                files.update(data[FILES_MIME].get("files", {}))
    return figs, files


def notebooks(app) -> dict[str, Path]:
    """docname -> source notebook, for every notebook page."""
    out = {}
    for docname in sorted(app.env.found_docs):
        path = Path(app.env.doc2path(docname))
        if path.suffix == ".ipynb":
            out[docname] = path
    return out


def fixed_width(spec: dict, width: int) -> dict:
    """The Vega spec drawn at a fixed width (the page's spec follows its container)."""
    spec = copy.deepcopy(spec)
    spec.pop("usermeta", None)
    for signal in spec.get("signals", []):
        if signal.get("name") == "width":
            signal.clear()
            signal.update({"name": "width", "value": width})
    return spec


def _cached(app, kind: str, spec: dict, make) -> bytes:
    """Render once per spec and vl-convert version; later builds reuse the file."""
    import vl_convert as vlc

    folder = Path(app.doctreedir).parent / "tradefight-renders"
    folder.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256((kind + vlc.get_vega_version() + json.dumps(spec, sort_keys=True)).encode()).hexdigest()
    path = folder / f"{key[:24]}.{kind.split('-')[0]}"
    if not path.is_file():
        path.write_bytes(make())
    return path.read_bytes()


def svg(app, record: dict) -> bytes:
    """The chart as a standalone SVG with its own accessible name (exports do not carry one)."""
    import vl_convert as vlc

    spec = fixed_width(record["vega"], STATIC_WIDTH)

    def make() -> bytes:
        text = vlc.vega_to_svg(spec)
        label = cards.attr(f"{record['title']}. {record['description']}")
        return text.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1).encode()
    return _cached(app, "svg", spec | {"_title": record["title"]}, make)


def png(app, image: bytes) -> bytes:
    """A chart's SVG as a PNG, rasterised at twice the size, for sharp screens."""
    import vl_convert as vlc

    return _cached(app, "png", {"svg": hashlib.sha256(image).hexdigest()},
                   lambda: vlc.svg_to_png(image.decode(), scale=2))


def images(app, record: dict) -> tuple[bytes, bytes]:
    """A chart's SVG and PNG."""
    image = svg(app, record)
    return image, png(app, image)


def write_files(app, exception) -> None:
    """After a successful HTML build: every figure's files, other downloads, share cards, notebooks."""
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    # A page whose notebook is unchanged since its files were last written here keeps them as they are.
    manifest = Path(app.doctreedir).parent / "tradefight-written.json"
    written = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {}
    pages_nb = notebooks(app)
    digests = {d: hashlib.sha256(p.read_bytes()).hexdigest() for d, p in pages_nb.items()}
    todo = {d: p for d, p in pages_nb.items() if written.get(d) != digests[d]
            or not (out / posixpath.dirname(d) / "notebooks" / p.name).is_file()}
    pages = {docname: records(nb_path) for docname, nb_path in todo.items()}
    every = [r for figs, _ in pages.values() for r in figs]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # render the images side by side
        drawn = dict(zip(map(id, every), pool.map(lambda r: images(app, r), every)))
    for docname, nb_path in todo.items():
        folder = out / posixpath.dirname(docname)
        figs, files = pages[docname]
        for record in figs:
            base = folder / "charts" / record["name"]
            base.parent.mkdir(parents=True, exist_ok=True)
            base.with_suffix(".csv").write_text(record["csv"], encoding="utf-8")
            base.with_suffix(".spec.js").write_text(cards.spec_script(record), encoding="utf-8")
            base.with_suffix(".svg").write_bytes(drawn[id(record)][0])
            base.with_suffix(".png").write_bytes(drawn[id(record)][1])
            base.with_suffix(".html").write_text(cards.chart_page(app, docname, record), encoding="utf-8")
        for rel, text in files.items():
            if Path(rel).is_absolute() or ".." in Path(rel).parts:  # a file stays beside its page
                raise ValueError(f"{docname}: refusing to write {rel!r} outside the page's folder")
            target = folder / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        share = out / cards.share_path(docname)
        share.parent.mkdir(parents=True, exist_ok=True)
        lead = figs[0] if figs else None
        title = app.env.titles[docname].astext()
        share.write_bytes(_cached(app, "png-share", {"figs": figs[:1], "title": title},
                                  lambda: cards.share_png(lead, drawn[id(lead)][0] if lead else b"", title,
                                                          app.config.project)))
        nb_copy = folder / "notebooks" / nb_path.name
        nb_copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(nb_path, nb_copy)
    trim.trim_site(out, Path(app.doctreedir).parent / "tradefight-trim")
    manifest.write_text(json.dumps({**written, **{d: digests[d] for d in todo}}), encoding="utf-8")


def share_fields(app, pagename, templatename, context, doctree) -> None:
    """Per-page Open Graph fields for sphinxext-opengraph: the page's own card and description."""
    if pagename not in notebooks(app):
        return
    meta = context.get("meta")
    if meta is None:
        meta = context["meta"] = {}
    image = cards.share_path(pagename)
    if not app.config.ogp_site_url:  # no public address: a path relative to the page still loads
        image = posixpath.relpath(image, posixpath.dirname(pagename) or ".")
    meta["og:image"] = image
    meta["og:image:width"] = str(cards.SHARE_SIZE[0])
    meta["og:image:height"] = str(cards.SHARE_SIZE[1])
    meta["og:image:alt"] = f"Lead chart of the page “{cards.plain(context.get('title', ''))}”"
    description = cards.meta_description(context.get("metatags", ""))
    if description:
        meta["og:description"] = description


def notebook_link(app, pagename, templatename, context, doctree) -> None:
    """A line at the end of each notebook page: download the notebook that made it."""
    path = notebooks(app).get(pagename)
    if path is not None:
        context["body"] = context.get("body", "") + cards.reproduce_note(path.name)
