"""tradefight.theme: explicit colour domains, a dark partner for every colour, the shared chart config."""
from __future__ import annotations

import pytest

from tradefight import theme


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    def lum(h):
        r, g, b_ = (int(h[i:i + 2], 16) / 255 for i in (1, 3, 5))
        f = lambda c: c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b_)
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_scale_domain_is_written_out_not_alphabetical():
    s = theme.scale("imposer").to_dict()
    assert s == {"domain": ["US", "China"], "range": [theme.BLUE, theme.RED]}


def test_scale_with_values_keeps_the_theme_order_and_only_those_present():
    s = theme.scale("actor", ["Both", "China", "China"]).to_dict()
    assert s == {"domain": ["China", "Both"], "range": [theme.RED, theme.GREY]}


@pytest.mark.parametrize("make", [theme.scale, theme.shape_scale, theme.dash_scale])
def test_an_unknown_value_raises(make):
    with pytest.raises(KeyError, match="Mexico"):
        make("imposer", ["US", "Mexico"])


def test_shape_and_dash_scales():
    assert theme.shape_scale("origin", ["India"]).to_dict() == {"domain": ["India"], "range": ["triangle-up"]}
    assert theme.dash_scale("imposer").to_dict() == {"domain": ["US", "China"], "range": [[1, 0], [6, 3]]}


def test_colour_of_a_value():
    assert theme.colour("verdict", "supported") == theme.GREEN
    with pytest.raises(KeyError):
        theme.colour("verdict", "maybe")


def test_palette_scale_cycles_in_the_given_order():
    values = [f"v{i}" for i in range(len(theme.PALETTE) + 2)]
    s = theme.palette_scale(values).to_dict()
    assert s["domain"] == values and s["range"][:2] == [theme.BLUE, theme.RED]
    assert s["range"][-2:] == theme.PALETTE[:2]


def test_every_light_colour_has_a_dark_partner():
    used = {c for kind in theme.COLOURS.values() for c in kind.values()} | set(theme.PALETTE)
    used |= {theme.TEXT, theme.MUTED, theme.GRID, theme.AXIS, theme.PAPER}
    assert used <= set(theme.DARK), sorted(used - set(theme.DARK))
    assert all(theme.DARK[c] != c for c in used)


def test_dark_colours_are_readable_on_the_dark_page():
    for light, dark in theme.DARK.items():
        if light not in (theme.GRID, theme.PAPER):
            assert contrast(dark, "#121212") >= 4.5, (light, dark)


def test_light_colours_are_readable_on_white():
    for light in theme.DARK:
        if light not in (theme.GRID, theme.PAPER):
            assert contrast(light, "#ffffff") >= 4.5, f"{light}: {contrast(light, '#ffffff'):.2f}:1"


def test_vega_lite_config_is_the_registered_theme():
    import altair as alt

    config = theme.vega_lite_config()
    assert config["background"] == theme.PAPER and config["range"]["category"] == theme.PALETTE
    assert config["legend"]["orient"] == "bottom" and config["axis"]["labelColor"] == theme.TEXT
    assert alt.theme.active == "tradefight"
    assert alt.theme.get()()["config"] == config
