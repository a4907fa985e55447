"""A bar chart of the criteria a commune met each year, drawn with reportlab for a :class:`Figure`."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from ntm_desktop.export.pdf.fonts import FontFamily, find_font_family, register

BAR_GREY = colors.Color(0.35, 0.35, 0.35)  # prints well on a black-and-white office printer


def criteria_chart(
    rows: Sequence[tuple[int, int, int]],
    *,
    width: float = 150 * mm,
    height: float = 70 * mm,
    axis_label: str = "Số tiêu chí đạt",
    family: FontFamily | None = None,
) -> Drawing:
    """Criteria met per year from ``(year, met, total)`` rows: one bar a year, labelled "17/19".

    The labels use the document's font (reportlab's built-in fonts cannot write Vietnamese).
    """
    family = register(family or find_font_family())
    font, bold = family.face_name(), family.face_name(bold=True)
    top = max((total for _year, _met, total in rows), default=1) or 1
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # else reportlab starts the drawing in Helvetica
    chart = VerticalBarChart()
    chart.x, chart.y = 14 * mm, 10 * mm
    chart.width, chart.height = width - 18 * mm, height - 16 * mm
    chart.data = [[met for _year, met, _total in rows] or [0]]
    chart.categoryAxis.categoryNames = [str(year) for year, _met, _total in rows] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 11
    chart.categoryAxis.labels.dy = -3
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = max(1, round(top / 5))
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 10
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.Color(0.8, 0.8, 0.8)
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.bars[0].fillColor = BAR_GREY
    chart.bars[0].strokeColor = None
    chart.barWidth = 10
    chart.groupSpacing = 12
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[f"{met}/{total}" for _year, met, total in rows] or [""]]
    chart.barLabels.fontName = bold
    chart.barLabels.fontSize = 10
    chart.barLabels.nudge = 7
    drawing.add(chart)
    drawing.add(String(2 * mm, height - 4 * mm, axis_label, fontName=font, fontSize=10))
    return drawing
