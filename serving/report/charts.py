"""One function per chart of the report: a data frame in, an inline SVG out (or None without data)."""

import matplotlib as mpl
import matplotlib.ticker as mticker
import pandas as pd

from serving.report import numbers
from serving.report.svg import PALETTE, styled_figure, to_svg

TAG_LIMIT = 0.40  # The audit standard's tag distribution rule: no tag over 40 % (DESIGN §6).
TOP_TAGS = 15


def _percent_axis(axis: object) -> None:
    axis.set_major_formatter(mticker.FuncFormatter(lambda value, _: numbers.percent(value, 0)))


def roi_by_month(frame: pd.DataFrame) -> str | None:
    if frame.empty:
        return None
    months = frame["report_month"].dt.strftime("%b %y")
    with styled_figure() as figure:
        money, roi = figure.subplots(1, 2, width_ratios=[3, 2])
        positions = range(len(frame))
        money.bar([p - 0.2 for p in positions], frame["total_cost"], 0.4, label="cost", color=PALETTE[3])
        money.bar([p + 0.2 for p in positions], frame["value_generated"], 0.4, label="value", color=PALETTE[1])
        money.set_xticks(list(positions), months, rotation=45, ha="right")
        money.yaxis.set_major_formatter(mticker.FuncFormatter(lambda value, _: numbers.money(value)))
        money.set_title("Cost and value generated")
        money.legend(frameon=False)
        colours = [PALETTE[1] if value >= 0 else PALETTE[3] for value in frame["roi_percent"].fillna(0)]
        roi.bar(list(positions), frame["roi_percent"], color=colours)
        roi.axhline(0, color="#444", linewidth=0.8)
        roi.set_xticks(list(positions), months, rotation=45, ha="right")
        roi.yaxis.set_major_formatter(mticker.FuncFormatter(lambda value, _: f"{value:,.0f} %"))
        roi.set_title("ROI")
        return to_svg(figure, "ROI by month")


def conversion_funnel(frame: pd.DataFrame) -> str | None:
    if frame.empty or not frame.iloc[0]["conversations"]:
        return None
    row = frame.iloc[0]
    stages = [("conversations", row["conversations"]), ("leads", row["leads"]), ("won deals", row["won_deals"])]
    with styled_figure(height=2.4) as figure:
        axes = figure.subplots()
        labels = [name for name, _ in stages][::-1]
        values = [value for _, value in stages][::-1]
        axes.barh(labels, values, color=PALETTE[:3][::-1])
        for position, (value, previous) in enumerate(zip(values, [*values[1:], None], strict=True)):
            share = f"  ({numbers.percent(value / previous)} of previous)" if previous else ""
            axes.text(value, position, f"  {numbers.count(value)}{share}", va="center")
        axes.set_xscale("log")
        axes.xaxis.set_major_formatter(mticker.FuncFormatter(lambda value, _: numbers.count(value)))
        axes.set_title("Conversations → leads → won deals (log scale)")
        return to_svg(figure, "Conversion funnel")


def retention_heat_map(frame: pd.DataFrame) -> str | None:
    if frame.empty:
        return None
    grid = frame.pivot(index="cohort_month", columns="months_since", values="retention_rate")
    with styled_figure(height=4.2) as figure:
        axes = figure.subplots()
        # A mesh of vector cells, not imshow's embedded bitmap: every cell stays an SVG shape.
        # Ten bands of ten points: the colour bar stays vector (matplotlib rasterizes long ones).
        bands = mpl.colormaps["Blues"].resampled(10)
        image = axes.pcolormesh(grid.to_numpy(dtype=float), cmap=bands, vmin=0, vmax=1)
        axes.invert_yaxis()
        for (row, column), value in pd.DataFrame(grid.to_numpy(dtype=float)).stack().dropna().items():
            colour = "white" if value > 0.6 else "#111"
            axes.text(column + 0.5, row + 0.5, f"{value * 100:.0f}", ha="center", va="center", fontsize=7, color=colour)
        cohorts = [month.strftime("%b %Y") for month in grid.index]
        axes.set_yticks([row + 0.5 for row in range(len(cohorts))], cohorts)
        axes.set_xticks([column + 0.5 for column in range(len(grid.columns))], [str(n) for n in grid.columns])
        axes.set_xlabel("months since first contact")
        axes.set_title("Share of each cohort active again (%)")
        _percent_axis(figure.colorbar(image, ax=axes, shrink=0.8).ax.yaxis)
        return to_svg(figure, "Retention heat map")


def tag_distribution(frame: pd.DataFrame) -> str | None:
    if frame.empty:
        return None
    top = frame.head(TOP_TAGS).iloc[::-1]
    labels = top["tag"] + " · " + top["tag_source"]
    colours = [PALETTE[3] if share > TAG_LIMIT else PALETTE[0] for share in top["share_of_tagged_contacts"]]
    with styled_figure(height=0.28 * len(top) + 1.2) as figure:
        axes = figure.subplots()
        axes.barh(labels, top["share_of_tagged_contacts"], color=colours)
        axes.axvline(TAG_LIMIT, color=PALETTE[3], linestyle="--", linewidth=1.2)
        axes.text(TAG_LIMIT, len(top) - 0.4, " 40 % limit", color=PALETTE[3], va="bottom")
        _percent_axis(axes.xaxis)
        axes.set_title(f"Share of each source's tagged contacts (top {len(top)} tags)")
        return to_svg(figure, "Tag distribution")


def campaign_engagement(frame: pd.DataFrame) -> str | None:
    if frame.empty:
        return None
    rates = {
        "delivered": "delivery_rate",
        "read": "read_rate",
        "clicked": "click_through_rate",
        "replied": "response_rate",
    }
    top = frame.head(10)
    with styled_figure(height=3.8) as figure:
        axes = figure.subplots()
        width = 0.8 / len(rates)
        for number, (label, column) in enumerate(rates.items()):
            offsets = [position + (number - 1.5) * width for position in range(len(top))]
            axes.bar(offsets, top[column].fillna(0), width, label=label, color=PALETTE[number])
        axes.set_xticks(range(len(top)), top["campaign_name"], rotation=30, ha="right")
        _percent_axis(axes.yaxis)
        axes.set_ylim(0, 1.2)
        axes.legend(frameon=False, ncols=len(rates), loc="upper center")
        axes.set_title(f"Engagement of the {len(top)} largest campaigns")
        return to_svg(figure, "Engagement by campaign")


def service_times(frame: pd.DataFrame) -> str | None:
    if frame.empty:
        return None
    series = {
        "first response": "first_response_minutes",
        "response": "response_minutes",
        "resolution": "resolution_minutes",
    }
    with styled_figure() as figure:
        axes = figure.subplots()
        for number, (label, column) in enumerate(series.items()):
            values = frame[column].astype(float)
            axes.plot(frame["report_month"], values, marker="o", label=label, color=PALETTE[number])
        axes.set_yscale("log")
        axes.yaxis.set_major_formatter(mticker.FuncFormatter(lambda value, _: numbers.minutes(value)))
        axes.legend(frameon=False)
        axes.set_title("Typical day's median, by month (log scale)")
        return to_svg(figure, "Service times")
