"""Trim the theme's stylesheets and icon font to what the built site uses.

pydata-sphinx-theme's stylesheet (about 65 KB gzipped, ahead of every page's first paint) bundles
Bootstrap and all of Font Awesome, and its solid icon font is about 150 KB. After the build:
- rules for icons no page uses are removed;
- rules whose classes or ids appear in no page and no script are removed (the idea of PurgeCSS, kept
  small here so the Python build needs no Node tooling): a selector stays when every class and id it
  names is a word found in the site's HTML or JavaScript, so classes scripts add later are kept;
- the solid font is subset to the glyphs the remaining rules name.
The files keep their names, so every page's links stay as they are.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

ICON_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"(\\[0-9a-f]{4,5})"\}')
CODEPOINT = re.compile(r'content:\s*"\\([0-9a-f]{4,5})"')


def trim_css(css: str, icons: set[str]) -> str:
    """The stylesheet without the rules of icons no page uses."""
    def keep(match) -> str:
        names = {sel.split(":")[0][1:] for sel in match.group(1).rstrip(",").split(",")}
        return match.group(0) if names & icons else ""
    return ICON_RULE.sub(keep, css)


def rules(css: str):
    """(prelude, body) for each top-level rule of a stylesheet; body is None for a statement (@import)."""
    i, n = 0, len(css)
    while i < n:
        j = i
        while j < n and css[j] not in "{;":
            j += 1
        if j >= n:
            return
        if css[j] == ";":
            yield css[i:j].strip(), None
            i = j + 1
            continue
        k, depth = j + 1, 1
        while k < n and depth:
            if css[k] in "\"'":
                quote, k = css[k], k + 1
                while k < n and css[k] != quote:
                    k += 2 if css[k] == "\\" else 1
            elif css[k] == "{":
                depth += 1
            elif css[k] == "}":
                depth -= 1
            k += 1
        yield css[i:j].strip(), css[j + 1:k - 1]
        i = k


def selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    out, depth, current = [], 0, ""
    for ch in prelude:
        depth += ch in "([" 
        depth -= ch in ")]"
        if ch == "," and depth == 0:
            out.append(current)
            current = ""
        else:
            current += ch
    return [s.strip() for s in out + [current] if s.strip()]


def wanted(selector: str, words: set[str]) -> bool:
    """True when every class and id the selector requires is a word the site uses."""
    required = re.sub(r":(?:not|is|where|has)\([^)]*\)", "", selector)
    return all(name in words for name in re.findall(r"[.#](-?[_a-zA-Z][\w-]*)", required))


def purge(css: str, words: set[str]) -> str:
    """The stylesheet with only the rules some page or script can use."""
    out = []
    for prelude, body in rules(css):
        if body is None:
            out.append(prelude + ";")
        elif prelude.startswith(("@media", "@supports", "@layer")):
            inner = purge(body, words)
            if inner:
                out.append(prelude + "{" + inner + "}")
        elif prelude.startswith("@"):
            out.append(prelude + "{" + body + "}")
        else:
            keep = [s for s in selectors(prelude) if wanted(s, words)]
            if keep:
                out.append(",".join(keep) + "{" + body + "}")
    return "".join(out)


def site_words(outdir: Path) -> set[str]:
    """Every word in the site's pages and scripts (the Vega runtime aside): the classes that can occur."""
    words: set[str] = set()
    for path in list(outdir.rglob("*.html")) + list((outdir / "_static").rglob("*.js")):
        if path.name != "vega-runtime.js":
            words.update(re.findall(r"[A-Za-z_][\w-]*", path.read_text(encoding="utf-8", errors="ignore")))
    return words


def codepoints(*stylesheets: str) -> set[int]:
    """Every icon codepoint a stylesheet names in a `content:` value."""
    return {int(cp, 16) for css in stylesheets for cp in CODEPOINT.findall(css)}


def subset_font(path: Path, unicodes: set[int]) -> None:
    """Rewrite a WOFF2 font in place with only the given characters."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(unicodes))
    sub.subset(font)
    font.flavor = "woff2"
    font.save(str(path))


def original(outdir: Path, rel: str) -> Path:
    """The theme's own copy of a static file (a rebuild may have left a trimmed copy in the site)."""
    try:
        import pydata_sphinx_theme

        theme_static = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
        if (theme_static / rel).is_file():
            return theme_static / rel
    except ImportError:
        pass
    return outdir / "_static" / rel


def trim_site(outdir: Path, cache: Path | None = None) -> None:
    """Trim the theme stylesheet and subset the solid icon font of a built site (the results are kept in
    `cache`, by what the site uses, for the next build)."""
    import hashlib

    css_rel, font_rel = "styles/pydata-sphinx-theme.css", "vendor/fontawesome/webfonts/fa-solid-900.woff2"
    theme_css, font = outdir / "_static" / css_rel, outdir / "_static" / font_rel
    if not theme_css.is_file():
        return
    words = site_words(outdir)
    icons = {w for w in words if w.startswith("fa-")}  # icon classes (fa-...) the pages name
    source_css, source_font = original(outdir, css_rel), original(outdir, font_rel)
    key = hashlib.sha256("\n".join(sorted(words | icons)).encode() + source_css.read_bytes()).hexdigest()[:24]
    kept_css, kept_font = (cache / f"{key}.css", cache / f"{key}.woff2") if cache else (None, None)
    if kept_css and kept_css.is_file() and kept_font.is_file():
        shutil.copyfile(kept_css, theme_css)
        if font.is_file():
            shutil.copyfile(kept_font, font)
        return
    css = purge(trim_css(source_css.read_text(encoding="utf-8"), icons), words)
    theme_css.write_text(css, encoding="utf-8")
    others = [p.read_text(encoding="utf-8") for p in (outdir / "_static").rglob("*.css") if p != theme_css]
    if font.is_file():
        shutil.copyfile(source_font, font)
        subset_font(font, codepoints(css, *others))
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(theme_css, kept_css)
        if font.is_file():
            shutil.copyfile(font, kept_font)
