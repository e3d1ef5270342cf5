"""Every chart in the book, one function each. Titles state the takeaway and are computed from the data.

Each function takes typed tables (from `data.load`) and returns a `charts.Figure`. The data a figure
shows, its table and its CSV download are the same frame, with a source_id on every row.
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from . import rare_earths, students, tariffs
from .charts import CHINA, COUNTRY_COLOURS, NEUTRAL, US, Figure
from .story import day

PCT = alt.Axis(format=".0f", title="Percent")
DATE = alt.Axis(format="%b %Y", title=None, labelAngle=0)
SHAPES = alt.Scale(domain=["US", "China"], range=["circle", "square"])
DASHES = alt.Scale(domain=["US", "China"], range=[[1, 0], [6, 3]])


def _month(ts) -> str:
    return f"{pd.Timestamp(ts):%B %Y}"


def _sources(frame: pd.DataFrame, sources: pd.DataFrame) -> str:
    """Source line: the publishers behind the rows shown."""
    used = sources[sources["source_id"].isin(frame["source_id"].dropna())]
    names = sorted(used["publisher"].unique())
    if len(names) <= 3:
        return "; ".join(names) + "."
    return (f"{len(used)} sources from {len(names)} publishers, one named on every row of the data table "
            "(source_id) and listed in full on the Methods page.")


# -- tariffs -------------------------------------------------------------------------------------
def tariff_ladder(actions: pd.DataFrame, cutoff, sources: pd.DataFrame) -> Figure:
    path = tariffs.ladder(actions, cutoff)
    us_peak = tariffs.peak(actions, "US", cutoff)
    cn_peak = tariffs.peak(actions, "China", cutoff)
    title = (f"US tariffs on China peaked at {us_peak['rate_pct']:.0f}% ({_month(us_peak['date'])}) and China's at "
             f"{cn_peak['rate_pct']:.0f}% ({_month(cn_peak['date'])}), before the truce cut both")
    frame = path.assign(who=path["imposer"].map({"US": "US on Chinese goods", "China": "China on US goods"}))
    base = alt.Chart(frame).encode(
        x=alt.X("date:T", axis=DATE),
        y=alt.Y("rate_pct:Q", axis=PCT),
        color=alt.Color("imposer:N", scale=COUNTRY_COLOURS, title="Tariff imposed by"),
        strokeDash=alt.StrokeDash("imposer:N", scale=DASHES, title="Tariff imposed by"),
        tooltip=[alt.Tooltip("who:N", title="Tariff"), alt.Tooltip("date:T", title="From", format="%d %b %Y"),
                 alt.Tooltip("rate_pct:Q", title="Headline rate (%)")])
    chart = base.mark_line(interpolate="step-after", strokeWidth=2.5) + base.mark_point(filled=True, size=50).encode(
        shape=alt.Shape("imposer:N", scale=SHAPES, title="Tariff imposed by"))
    return Figure(chart, frame, name="tariff-ladder", title=title,
                  measure="Headline statutory rate: the sum of the additional duties that apply to nearly all "
                          "goods from the other country. Not a trade-weighted average.",
                  description=(f"Step chart of the headline additional tariff each side applied to the other's "
                               f"goods from January 2025 to {day(cutoff)}. The US rate rose in steps to "
                               f"{us_peak['rate_pct']:.0f}% and China's to {cn_peak['rate_pct']:.0f}%, then both fell."),
                  source=_sources(frame, sources),
                  columns={"date": "date", "imposer": "imposer", "rate_pct": "headline_rate_pct",
                           "source_id": "source_id"})


def us_layers(actions: pd.DataFrame, cutoff, sources: pd.DataFrame) -> Figure:
    layers = tariffs.layer_rates(actions, "US", cutoff)
    dates = layers["date"].drop_duplicates()
    older = pd.DataFrame({"date": dates, "layer": "section_301",
                          "rate_pct": [tariffs.section_301_rate(actions, d) for d in dates]})
    layers = pd.concat([older, layers], ignore_index=True).sort_values(["date", "layer"]).reset_index(drop=True)
    names = {**tariffs.LAYER_NAMES, "section_301": "Section 301 duty (List 3 goods)"}
    layers = layers.assign(layer_name=layers["layer"].map(names))
    top = layers.groupby("date")["rate_pct"].sum()
    peak_day = top.idxmax()
    parts = layers[layers["date"] == peak_day]
    split = " + ".join(f"{r.rate_pct:.0f}% {r.layer_name}" for r in parts.itertuples() if r.rate_pct)
    title = f"At the peak, a Chinese good on Section 301 List 3 faced {top.max():.0f}%: {split}"
    chart = alt.Chart(layers).mark_bar().encode(
        x=alt.X("date:O", timeUnit="yearmonthdate", title="Change effective on", axis=alt.Axis(format="%d %b %Y", labelAngle=-40)),
        y=alt.Y("rate_pct:Q", stack="zero", axis=PCT),
        color=alt.Color("layer_name:N", title="Layer", scale=alt.Scale(range=[US, "#5b7fb5", "#2b6b2e", "#8a5a00"])),
        opacity=alt.value(1),
        tooltip=[alt.Tooltip("date:T", title="From", format="%d %b %Y"), alt.Tooltip("layer_name:N", title="Layer"),
                 alt.Tooltip("rate_pct:Q", title="Rate (%)")])
    return Figure(chart, layers, name="us-layers", title=title,
                  measure="Statutory rates, in percent, of the US layers on a good on Section 301 List 3 (about "
                          "USD 200 billion of 2018 imports), after each change of an all-goods layer. Goods on no "
                          "Section 301 list pay the all-goods layers only.",
                  description="Stacked bars, one per date on which a US all-goods duty changed, split into the "
                              "Section 301 List 3 duty, the IEEPA fentanyl duty, the IEEPA reciprocal duty and any "
                              "other all-goods surcharge.",
                  source=_sources(actions[actions["imposer"] == "US"], sources),
                  columns={"date": "date", "layer": "layer", "rate_pct": "rate_pct"})


def headline_vs_average(actions: pd.DataFrame, averages: pd.DataFrame, cutoff, sources: pd.DataFrame) -> Figure:
    start = pd.Timestamp("2025-01-01")
    head = tariffs.ladder(actions, cutoff).assign(measure="Headline statutory rate")
    avg = tariffs.average_series(averages)
    avg = avg[(avg["date"] >= start) & (avg["measure"] == "average_tariff")]
    avg = avg.rename(columns={"value_pct": "rate_pct"})[["date", "imposer", "rate_pct", "source_id"]]
    avg = avg.assign(measure="Average tariff (PIIE, 2017 import weights)")
    frame = pd.concat([head, avg], ignore_index=True)
    us_gap = head[head["imposer"] == "US"]["rate_pct"].max() - avg[avg["imposer"] == "US"]["rate_pct"].max()
    title = (f"The US headline rate ran up to {us_gap:.0f} points above PIIE's average tariff, "
             "because exempt goods pay less")
    chart = alt.Chart(frame).mark_line(interpolate="step-after", strokeWidth=2).encode(
        x=alt.X("date:T", axis=DATE), y=alt.Y("rate_pct:Q", axis=PCT),
        color=alt.Color("imposer:N", scale=COUNTRY_COLOURS, title="Imposed by"),
        strokeDash=alt.StrokeDash("measure:N", title="Measure", scale=alt.Scale(range=[[1, 0], [4, 3]])),
        tooltip=[alt.Tooltip("measure:N"), alt.Tooltip("imposer:N", title="Imposed by"),
                 alt.Tooltip("date:T", format="%d %b %Y"), alt.Tooltip("rate_pct:Q", title="Percent")])
    return Figure(chart, frame, name="headline-vs-average", title=title,
                  measure="Two measures: the headline statutory rate (solid) and PIIE's average tariff, weighted by 2017 imports, "
                          "tariff, which includes older duties and exemptions (dashed).",
                  description="Lines for each side: the headline statutory rate and the average "
                              "tariff from PIIE, from January 2025. The averages sit below the headline rates "
                              "at the peak because many goods were exempt.",
                  source=_sources(frame, sources),
                  columns={"date": "date", "imposer": "imposer", "measure": "measure", "rate_pct": "percent",
                           "source_id": "source_id"})


def averages_since_2018(averages: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    frame = tariffs.average_series(averages)
    frame = frame[frame["measure"] == "average_tariff"][["date", "imposer", "value_pct", "source_id"]]
    first = frame.sort_values("date").groupby("imposer").first()
    last = frame.sort_values("date").groupby("imposer").last()
    title = (f"Average US tariffs on Chinese goods went from {first.loc['US', 'value_pct']:g}% in "
             f"{first.loc['US', 'date']:%Y} to {last.loc['US', 'value_pct']:g}% by {_month(last.loc['US', 'date'])}")
    chart = alt.Chart(frame).mark_line(interpolate="step-after", strokeWidth=2).encode(
        x=alt.X("date:T", axis=alt.Axis(format="%Y", title=None)), y=alt.Y("value_pct:Q", axis=PCT),
        color=alt.Color("imposer:N", scale=COUNTRY_COLOURS, title="Imposed by"),
        strokeDash=alt.StrokeDash("imposer:N", scale=DASHES, title="Imposed by"),
        tooltip=[alt.Tooltip("imposer:N", title="Imposed by"), alt.Tooltip("date:T", format="%d %b %Y"),
                 alt.Tooltip("value_pct:Q", title="Average tariff (%)")])
    return Figure(chart, frame, name="averages-since-2018", title=title,
                  measure="Average tariff, percent, weighted by 2017 import levels (PIIE). Not a statutory rate.",
                  description="Two step lines from 2018: PIIE's average US tariff on Chinese "
                              "exports and Chinese tariff on US exports.",
                  source=_sources(frame, sources),
                  columns={"date": "date", "imposer": "imposer", "value_pct": "piie_average_tariff_pct",
                           "source_id": "source_id"})


def scenario(actions: pd.DataFrame, cutoff, chosen: str, sources: pd.DataFrame) -> Figure:
    rows = []
    for imposer in ("US", "China"):
        for name in ("current", chosen) if chosen != "current" else ("current", "truce_lapses"):
            rows.append({"imposer": imposer, "scenario": name,
                         "rate_pct": tariffs.scenario_rate(actions, imposer, cutoff, name)})
    frame = pd.DataFrame(rows)
    lapse = frame[frame["scenario"] == "truce_lapses"].set_index("imposer")["rate_pct"]
    now = frame[frame["scenario"] == "current"].set_index("imposer")["rate_pct"]
    title = (f"If the peak rates returned, the US rate would go from {now['US']:.0f}% to {lapse['US']:.0f}% "
             f"and China's from {now['China']:.0f}% to {lapse['China']:.0f}%")
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("imposer:N", title=None), yOffset="scenario:N",
        x=alt.X("rate_pct:Q", axis=PCT),
        color=alt.Color("scenario:N", title="Scenario", scale=alt.Scale(range=[NEUTRAL, "#c7832b"])),
        tooltip=["imposer:N", "scenario:N", alt.Tooltip("rate_pct:Q", title="Headline rate (%)")])
    text = chart.mark_text(align="left", dx=3, color="#222222").encode(text=alt.Text("rate_pct:Q", format=".0f"))
    return Figure(chart + text, frame, name="scenario", title=title,
                  measure=f"Headline statutory rate on {day(cutoff)}, and under the scenario "
                          f"'{tariffs.SCENARIOS['truce_lapses']}'",
                  description="Bars comparing each side's headline rate on the as-of date with the rate if "
                              "every all-goods layer went back to its highest level.",
                  source="Computed from tariff_actions.csv (see the ladder chart for sources).",
                  columns={"imposer": "imposer", "scenario": "scenario", "rate_pct": "headline_rate_pct"})


# -- rare earths ---------------------------------------------------------------------------------
def mine_production(production: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    frame = rare_earths.latest_edition(production)
    frame = frame[frame["country"] != "World total"]
    top = rare_earths.top_producers(frame, 6)
    frame = frame[frame["country"].isin(top)]
    last_year = int(frame["year"].max())
    china = frame[(frame["country"] == "China") & (frame["year"] == last_year)]["production_t"].iloc[0]
    title = f"China mined {china:,} tonnes of rare-earth oxide in {last_year}, far ahead of any other country"
    lines = alt.Chart(frame).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("year:O", title="Production year", axis=alt.Axis(labelAngle=0, labelOverlap="parity")),
        y=alt.Y("production_t:Q", title="Tonnes of rare-earth oxide (REO) equivalent", axis=alt.Axis(format="~s")),
        color=alt.Color("country:N", title="Country", sort=top),
        tooltip=["country:N", "year:O", alt.Tooltip("production_t:Q", title="Tonnes REO", format=","),
                 "estimated:N", alt.Tooltip("edition:O", title="USGS edition")])
    # Each line is named at its end, so the colours are not the only key.
    ends = alt.Chart(frame[frame["year"] == last_year]).mark_text(align="left", dx=6, fontSize=11).encode(
        x="year:O", y="production_t:Q", text="country:N",
        color=alt.Color("country:N", sort=top, title="Country"))
    chart = lines + ends
    return Figure(chart, frame, name="mine-production", title=title,
                  measure="Mine production, metric tons of rare-earth-oxide equivalent, USGS Mineral Commodity "
                          "Summaries (latest edition for each year). Mining only, not refining.",
                  description=f"Lines of rare-earth mine production by country for the six largest producers, "
                              f"by year up to {last_year}. China's line is far above the others.",
                  source=_sources(frame, sources),
                  columns={"year": "year", "country": "country", "production_t": "production_t",
                           "estimated": "estimated", "edition": "usgs_edition", "source_id": "source_id"})


def china_mining_share(production: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    frame = rare_earths.china_share_by_year(production)
    last = frame.iloc[-1]
    title = f"China's share of world rare-earth mining was {last['china_share_pct']:.1f}% in {int(last['year'])}"
    chart = alt.Chart(frame).mark_bar(color=CHINA).encode(
        x=alt.X("year:O", title="Production year", axis=alt.Axis(labelAngle=0, labelOverlap="parity")),
        y=alt.Y("china_share_pct:Q", title="China's share of world mine production (%)", scale=alt.Scale(domain=[0, 100])),
        tooltip=["year:O", alt.Tooltip("china_t:Q", title="China, tonnes", format=","),
                 alt.Tooltip("world_t:Q", title="World, tonnes", format=","),
                 alt.Tooltip("china_share_pct:Q", title="Share (%)", format=".1f")])
    text = chart.mark_text(dy=-6, color="#222222").encode(text=alt.Text("china_share_pct:Q", format=".1f"))
    return Figure(chart + text, frame, name="china-mining-share", title=title,
                  measure="Computed here: China's mine production divided by USGS's (rounded) world total, same "
                          "edition. A share of mining only.",
                  description="Bars of China's share of world rare-earth mine production by year.",
                  source=_sources(frame, sources),
                  columns={"year": "year", "china_t": "china_t", "world_t": "world_total_t",
                           "china_share_pct": "china_share_pct", "edition": "usgs_edition", "source_id": "source_id"})


def stage_shares(shares: pd.DataFrame, production: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    frame = rare_earths.stage_table(shares, production)
    top = frame.loc[frame["china_share_pct"].idxmax()]
    low = frame.loc[frame["china_share_pct"].idxmin()]
    title = (f"China's grip tightens down the chain: {low['china_share_pct']:g}% of {low['stage']} "
             f"but {top['china_share_pct']:g}% of {top['stage']}")
    chart = alt.Chart(frame).mark_bar(color=CHINA).encode(
        y=alt.Y("label:N", title=None, sort=None), x=alt.X("china_share_pct:Q", title="China's share (%)",
                                                             scale=alt.Scale(domain=[0, 100])),
        tooltip=["stage:N", "year:N", alt.Tooltip("china_share_pct:Q", title="Share (%)"), "measure:N", "source_id:N"])
    text = chart.mark_text(align="left", dx=3, color="#222222").encode(text=alt.Text("china_share_pct:Q", format="~g"))
    return Figure(chart + text, frame, name="stage-shares", title=title,
                  measure="China's share at each stage, each as its source states it (year in brackets). "
                          "Mining, refining and magnet-making are different measures.",
                  description="Horizontal bars: China's share of rare-earth mining, refining (separation) and "
                              "permanent-magnet making, from the sources listed.",
                  source=_sources(frame, sources),
                  columns={"stage": "stage", "year": "year", "china_share_pct": "china_share_pct",
                           "measure": "measure", "source_id": "source_id", "label": "label"})


def controlled_elements(controls: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    frame = controls.dropna(subset=["atomic_number"]).copy()
    first = frame[frame["announced_date"] == frame["announced_date"].min()]
    title = (f"China's first 2025 controls covered {len(first)} elements; later announcements added "
             f"{len(frame) - len(first)} more")
    frame["announced"] = frame["announced_date"].dt.strftime("%Y-%m-%d") + ": " + frame["announcement"]
    chart = alt.Chart(frame).mark_point(filled=True, size=160).encode(
        x=alt.X("atomic_number:O", title="Atomic number", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("announced:N", title=None, axis=alt.Axis(labelLimit=320)),
        color=alt.Color("announced:N", legend=None),
        shape=alt.Shape("announced:N", legend=None),
        tooltip=["element:N", "symbol:N", "atomic_number:O", "announcement:N",
                 alt.Tooltip("effective_date:T", format="%d %b %Y"), "status:N",
                 alt.Tooltip("main_uses:N", title="Main uses (where sourced)")])
    labels = alt.Chart(frame).mark_text(dy=-14, color="#222222").encode(
        x="atomic_number:O", y="announced:N", text="symbol:N")
    return Figure(chart + labels, frame, name="controlled-elements", title=title,
                  measure="Elements named in China's export-control announcements of 2025 (one mark per element "
                          "per announcement).",
                  description="Dot chart of controlled rare-earth elements by atomic number, one row per "
                              "announcement, labelled with chemical symbols.",
                  source=_sources(frame, sources),
                  columns={"element": "element", "symbol": "symbol", "atomic_number": "atomic_number",
                           "announcement": "announcement", "announced_date": "announced_date",
                           "effective_date": "effective_date", "status": "status", "main_uses": "main_uses",
                           "source_id": "source_id"})


# -- students and visas ---------------------------------------------------------------------------
def students_by_origin(table: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    frame = table[table["place_of_origin"].isin(["China", "India"])].copy()
    peak = students.peak(table, "China")
    cross = students.overtake_year(table, "India", "China")
    title = (f"Chinese students peaked at {peak['students']:,} in {peak['academic_year']}; "
             + (f"India overtook China in {cross}" if cross else "China stayed ahead of India"))
    frame["start_year"] = frame["academic_year"].str[:4].astype(int)
    frame = frame.rename(columns={"place_of_origin": "origin"})
    chart = alt.Chart(frame).mark_line(point=True, strokeWidth=2).encode(
        x=alt.X("academic_year:O", title="Academic year", axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("students:Q", title="Students in the US", axis=alt.Axis(format="~s")),
        color=alt.Color("origin:N", title="Place of origin", scale=alt.Scale(domain=["China", "India"], range=[CHINA, "#2b6b2e"])),
        shape=alt.Shape("origin:N", scale=alt.Scale(domain=["China", "India"], range=["square", "triangle-up"]), title="Place of origin"),
        tooltip=["origin:N", "academic_year:O", alt.Tooltip("students:Q", format=",")])
    return Figure(chart, frame, name="students-by-origin", title=title,
                  measure="International students in the US (IIE Open Doors count, which includes students on "
                          "Optional Practical Training), by academic year.",
                  description="Two lines, Chinese and Indian students in the US by academic year from 2000/01.",
                  source=_sources(frame, sources),
                  columns={"academic_year": "academic_year", "origin": "place_of_origin", "students": "students",
                           "source_id": "source_id"})


def china_share_of_students(table: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    frame = students.share_of_total(table, "China")
    peak = frame.loc[frame["share_pct"].idxmax()]
    last = frame.iloc[-1]
    title = (f"China's share of international students fell from {peak['share_pct']:.1f}% "
             f"({peak['academic_year']}) to {last['share_pct']:.1f}% ({last['academic_year']})")
    chart = alt.Chart(frame).mark_area(color=CHINA, opacity=0.85, line={"color": CHINA}).encode(
        x=alt.X("academic_year:O", title="Academic year", axis=alt.Axis(labelAngle=-45)),
        y=alt.Y("share_pct:Q", title="Share of all international students (%)"),
        tooltip=["academic_year:O", alt.Tooltip("students:Q", title="China", format=","),
                 alt.Tooltip("total:Q", title="All places", format=","),
                 alt.Tooltip("share_pct:Q", title="Share (%)", format=".1f")])
    return Figure(chart, frame, name="china-share-students", title=title,
                  measure="Computed here: students from China divided by all international students (IIE Open Doors).",
                  description="Area chart of China's share of all international students in the US by academic year.",
                  source=_sources(frame, sources),
                  columns={"academic_year": "academic_year", "students": "china", "total": "all_places",
                           "share_pct": "china_share_pct", "source_id": "source_id"})


def f1_visas(visas: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    frame = visas.copy()
    china = frame[frame["nationality"].str.startswith("China")]
    peak = china.loc[china["issued"].idxmax()]
    last = china.loc[china["fiscal_year"].idxmax()]
    title = (f"F-1 visas issued to Chinese nationals peaked at {peak['issued']:,} in FY{peak['fiscal_year']} "
             f"and were {last['issued']:,} in FY{last['fiscal_year']}")
    chart = alt.Chart(frame).mark_bar().encode(
        x=alt.X("fiscal_year:O", title="US fiscal year", axis=alt.Axis(labelAngle=-45)),
        xOffset="nationality:N",
        y=alt.Y("issued:Q", title="F-1 visas issued", axis=alt.Axis(format="~s")),
        color=alt.Color("nationality:N", title="Nationality", scale=alt.Scale(range=[CHINA, "#2b6b2e"])),
        tooltip=["nationality:N", "fiscal_year:O", alt.Tooltip("issued:Q", format=",")])
    return Figure(chart, frame, name="f1-visas", title=title,
                  measure="F-1 student visas issued in each US fiscal year (State Department). Issuances, not "
                          "students: a visa can cover several years, and counting rules changed in FY2019.",
                  description="Grouped bars of F-1 visas issued to nationals of China and India by fiscal year.",
                  source=_sources(frame, sources),
                  columns={"fiscal_year": "fiscal_year", "nationality": "nationality", "issued": "issued",
                           "source_id": "source_id"})


# -- timeline ------------------------------------------------------------------------------------
def timeline(events: pd.DataFrame, sources: pd.DataFrame, start: str = "2025-01-01") -> Figure:
    frame = events[events["date"] >= start].copy()
    title = (f"{len(frame)} recorded moves in {(frame['date'].max() - frame['date'].min()).days // 30} months: "
             "tariffs first, then export controls, visas and talks")
    cats = ["tariffs", "export_controls", "rare_earths", "visas", "talks", "other"]
    chart = alt.Chart(frame).mark_point(filled=True, size=110).encode(
        x=alt.X("date:T", axis=DATE),
        y=alt.Y("category:N", sort=cats, title=None),
        color=alt.Color("actor:N", title="Who acted",
                        scale=alt.Scale(domain=["US", "China", "Both"], range=[US, CHINA, NEUTRAL])),
        shape=alt.Shape("actor:N", title="Who acted",
                        scale=alt.Scale(domain=["US", "China", "Both"], range=["circle", "square", "diamond"])),
        tooltip=[alt.Tooltip("date:T", format="%d %b %Y"), "actor:N", "title:N", "description:N"])
    return Figure(chart, frame, name="timeline", title=title,
                  measure="Each mark is one dated event with a source; hover or tap for what happened.",
                  description="Timeline dot chart of events by category and date, marked by who acted.",
                  source=_sources(frame, sources),
                  columns={"date": "date", "actor": "actor", "category": "category", "title": "title",
                           "description": "description", "source_id": "source_id"})


def events_by_month(events: pd.DataFrame, sources: pd.DataFrame, start: str = "2025-01-01") -> Figure:
    frame = events[events["date"] >= start].copy()
    frame["month"] = frame["date"].dt.to_period("M").dt.to_timestamp()
    counts = frame.groupby(["month", "actor"], as_index=False).size().rename(columns={"size": "events"})
    busiest = counts.groupby("month")["events"].sum()
    title = f"The busiest month was {_month(busiest.idxmax())}, with {busiest.max()} recorded moves"
    chart = alt.Chart(counts).mark_bar().encode(
        x=alt.X("month:T", axis=alt.Axis(format="%b %Y", title=None, labelAngle=-45), timeUnit="yearmonth"),
        y=alt.Y("events:Q", title="Events recorded", stack="zero"),
        color=alt.Color("actor:N", title="Who acted", scale=alt.Scale(domain=["US", "China", "Both"], range=[US, CHINA, NEUTRAL])),
        tooltip=[alt.Tooltip("month:T", format="%B %Y"), "actor:N", "events:Q"])
    return Figure(chart, counts, name="events-by-month", title=title,
                  measure="Number of events in the timeline data per month, by who acted. A count of recorded "
                          "events, not a measure of importance.",
                  description="Stacked bars counting the timeline's events per month.",
                  source="Counted from events.csv; see the timeline for each event's source.",
                  columns={"month": "month", "actor": "actor", "events": "events"})


# -- claims and methods -------------------------------------------------------------------------
def claims_chart(verdicts: pd.DataFrame) -> Figure:
    frame = verdicts.dropna(subset=["claimed", "found"]).copy()
    frame["found_vs_claimed_pct"] = (100 * frame["found"] / frame["claimed"]).round(1)
    exact = int((frame["found"] == frame["claimed"]).sum())
    title = (f"{exact} of {len(frame)} numeric claims match the data exactly; "
             "the bars show how far off the others are")
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("claim_id:N", title=None, sort=None),
        x=alt.X("found_vs_claimed_pct:Q", title="Value in the data as % of the claimed value"),
        color=alt.Color("verdict:N", title="Verdict", scale=alt.Scale(
            domain=["supported", "imprecise", "not supported"], range=["#2b6b2e", "#8a5a00", CHINA])),
        tooltip=["claim_id:N", "quote:N", "claimed:Q", "found:Q", "verdict:N", "measure:N"])
    rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(color="#222222", strokeDash=[4, 2]).encode(x="x:Q")
    return Figure(chart + rule, frame, name="claims", title=title,
                  measure="For each claim with a number: the value in the data divided by the claimed value, in "
                          "percent (100 = exact match). Each uses the measure named in its row.",
                  description="Horizontal bars, one per numeric claim, with a dashed line at 100 percent where "
                              "the data matches the claim exactly.",
                  source="Computed from this book's data; see each claim's evidence above.",
                  columns={"claim_id": "claim_id", "claimed": "claimed", "found": "found",
                           "found_vs_claimed_pct": "found_vs_claimed_pct", "verdict": "verdict", "measure": "measure"})


def rows_per_dataset(tables: dict[str, pd.DataFrame]) -> Figure:
    frame = pd.DataFrame([{"dataset": name, "rows": len(t),
                           "sources": t["source_id"].nunique() if "source_id" in t else len(t)}
                          for name, t in tables.items() if name != "sources"])
    frame = frame.sort_values("rows", ascending=False).reset_index(drop=True)
    top = frame.iloc[0]
    title = f"The largest dataset is {top['dataset']}, with {top['rows']} rows from {top['sources']} sources"
    chart = alt.Chart(frame).mark_bar(color=US).encode(
        y=alt.Y("dataset:N", sort=None, title=None), x=alt.X("rows:Q", title="Rows"),
        tooltip=["dataset:N", "rows:Q", alt.Tooltip("sources:Q", title="Distinct sources")])
    return Figure(chart, frame, name="rows-per-dataset", title=title,
                  measure="Number of rows in each data file, and how many distinct sources they cite.",
                  description="Horizontal bars of the row count of each dataset in the data package.",
                  source="Counted from the data package.",
                  columns={"dataset": "dataset", "rows": "rows", "sources": "distinct_sources"})
