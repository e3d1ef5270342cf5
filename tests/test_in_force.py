"""tradefight.in_force: layers in force or ended on a day, and product duties no later row replaced."""
from __future__ import annotations

import pandas as pd

from tradefight import in_force

from .helpers import LADDER, T, actions


def with_instruments(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(instrument=[f"order {i}" for i in frame["action_id"]], replaces=pd.NA)


def test_all_goods_layers_give_each_layer_its_rate_status_and_last_change():
    rows = with_instruments(LADDER)
    on = in_force.all_goods_layers(rows, "US", T("2025-09-01")).set_index("layer")
    assert on.loc["ieepa_fentanyl", ["rate_pct", "status", "since", "instrument"]].tolist() == \
        [20.0, "in force", T("2025-03-04"), "order a2"]
    assert on.loc["ieepa_reciprocal", "since"] == T("2025-05-14")  # the extension a6x changed nothing
    assert on.loc["ieepa_reciprocal", "instrument"] == "order a6"
    assert "section_301" not in on.index  # a product list is not an all-goods layer


def test_a_layer_set_to_zero_has_ended_on_that_day():
    ended = actions([["z1", "US", "2026-02-20", "2026-02-24", "ieepa_fentanyl", True, 0, "s"]])
    rows = with_instruments(pd.concat([LADDER, ended], ignore_index=True))
    on = in_force.all_goods_layers(rows, "US", T("2026-03-01")).set_index("layer")
    assert on.loc["ieepa_fentanyl", ["rate_pct", "status", "since"]].tolist() == [0.0, "ended", T("2026-02-24")]
    before = in_force.all_goods_layers(rows, "US", T("2026-02-23")).set_index("layer")
    assert before.loc["ieepa_fentanyl", "status"] == "in force"


def test_no_layer_before_the_first_step():
    assert in_force.all_goods_layers(with_instruments(LADDER), "US", T("2025-01-15")).empty


def products() -> pd.DataFrame:
    rows = actions([["l3", "US", "2018-09-17", "2018-09-24", "section_301", False, 10, "s"],
                    ["l3up", "US", "2019-05-09", "2019-05-10", "section_301", False, 25, "s"],
                    ["ev", "US", "2024-09-13", "2024-09-27", "section_301", False, 100, "s"],
                    ["f15", "China", "2025-03-04", "2025-03-10", "countermeasure_products", False, 15, "s"],
                    ["f10", "China", "2025-03-04", "2025-03-10", "countermeasure_products", False, 10, "s"],
                    ["coal", "China", "2025-02-04", "2025-02-10", "countermeasure_products", False, 15, "s"],
                    ["end", "China", "2025-11-05", "2025-11-10", "countermeasure_products", False, 0, "s"]])
    return rows.assign(replaces=[pd.NA, "l3", pd.NA, pd.NA, pd.NA, pd.NA, "f15 f10"])


def test_product_duties_leave_out_replaced_and_ended_rows():
    us = in_force.product_duties(products(), "US", T("2025-01-01"))
    assert list(us["action_id"]) == ["l3up", "ev"]
    assert list(in_force.product_duties(products(), "US", T("2019-01-01"))["action_id"]) == ["l3"]
    china = in_force.product_duties(products(), "China", T("2025-12-01"))
    assert list(china["action_id"]) == ["coal"]
    assert list(in_force.product_duties(products(), "China", T("2025-06-01"))["action_id"]) == ["coal", "f15", "f10"]


def test_product_duties_since_a_date_and_the_rows_that_ended_some():
    assert in_force.product_duties(products(), "US", T("2025-01-01"), since=T("2025-01-01")).empty
    ended = in_force.ended_products(products(), "China", T("2025-12-01"))
    assert list(ended["action_id"]) == ["end"]
    assert in_force.ended_products(products(), "China", T("2025-11-09")).empty
