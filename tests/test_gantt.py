"""The Gantt renderer on plain data: bars, diamonds, today's line, overdue in red, the
baseline beside the forecast, a fixed width that grows with the months and a height with
the rows."""

import re
from datetime import date as D

from network.gantt import ACTIVITY, BASELINE, DONE, FORECAST, OVERDUE, POINT, GanttRow, gantt_chart


def _chart(rows, **kw):
    kw.setdefault("today", D(2026, 11, 18))
    return str(gantt_chart(title="План мероприятий", desc="Проект", rows=rows, **kw))


def _size(svg):
    m = re.search(r'<svg[^>]* width="(\d+)" height="(\d+)"', svg)
    return int(m.group(1)), int(m.group(2))


ACT = GanttRow(label="Семинар для педагогов", kind=ACTIVITY, planned_start=D(2026, 9, 1),
               planned_end=D(2026, 10, 31), forecast_start=D(2026, 9, 15),
               forecast_end=D(2026, 12, 15))
POINT_LATE = GanttRow(label="Положение о сети утверждено", kind=POINT, planned_end=D(2026, 11, 1),
                      overdue=True, status="в работе")
POINT_DONE = GanttRow(label="Отчёт опубликован", kind=POINT, planned_end=D(2026, 10, 1),
                      actual_end=D(2026, 9, 28), done=True, status="принята")


def test_activities_are_bars_with_their_baseline_and_points_are_diamonds():
    svg = _chart([ACT, POINT_LATE, POINT_DONE])
    assert svg.count('class="gantt-bar') == 1
    assert svg.count('class="gantt-baseline"') == 3  # a grey bar and two hollow diamonds
    assert svg.count('class="gantt-point') == 2
    # the forecast bar is longer than the baseline bar: it runs to 15 December, not 31 October
    bar = re.search(r'class="gantt-bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    base = re.search(r'class="gantt-baseline" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)
    assert float(bar.group(1)) > float(base.group(1))
    assert float(bar.group(1)) + float(bar.group(2)) > float(base.group(1)) + float(base.group(2))
    assert f'fill="{BASELINE}"' in svg and f'fill="{FORECAST}"' in svg


def test_overdue_is_red_and_said_in_words_done_is_green():
    svg = _chart([POINT_LATE, POINT_DONE])
    late = re.search(r'<path class="gantt-point gantt-overdue"[^>]*fill="([^"]+)"', svg)
    assert late.group(1) == OVERDUE
    done = re.search(r'<path class="gantt-point"[^>]*fill="([^"]+)"', svg)
    assert done.group(1) == DONE
    assert "Положение о сети утверждено ⚠" in svg
    assert "Отчёт опубликован ✓" in svg
    # the hidden table says it too
    assert "<td>в работе, overdue</td>" in svg or "<td>в работе, просрочено</td>" in svg


def test_todays_line_sits_between_the_months_it_falls_in():
    svg = _chart([ACT], today=D(2026, 11, 18))
    x = float(re.search(r'class="gantt-today" x1="([\d.]+)"', svg).group(1))
    # months from September to December, 64 px each after a 260 px label column
    assert 260 + 64 * 2 < x < 260 + 64 * 3
    assert 'class="gantt-today"' not in _chart([ACT], today=D(2030, 1, 1))


def test_width_grows_with_the_months_and_height_with_the_rows():
    w1, h1 = _size(_chart([ACT]))
    w2, h2 = _size(_chart([ACT] * 200, ends_on=D(2028, 8, 31)))
    assert w1 == 260 + 64 * 4 + 8  # September–December 2026
    assert w2 == 260 + 64 * 24 + 8  # to August 2028
    assert h2 - h1 == 24 * 199
    # scaled to the page for a PDF
    assert 'width="100%"' in _chart([ACT], fit=True)


def test_labels_and_titles_are_escaped():
    svg = _chart([GanttRow(label="<script>alert(1)</script>", kind=POINT,
                           planned_end=D(2026, 10, 1))])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


def test_an_empty_plan_draws_an_empty_axis():
    svg = _chart([], starts_on=D(2026, 9, 1), ends_on=D(2027, 5, 31))
    assert svg.count("gantt-bar") == 0
    assert _size(svg)[0] == 260 + 64 * 9 + 8


def test_a_date_decades_away_does_not_make_thousands_of_months():
    far = GanttRow(label="Опечатка в годе", kind=ACTIVITY, planned_start=D(2026, 9, 1),
                   planned_end=D(2026, 10, 1), forecast_end=D(9999, 12, 31))
    width, _height = _size(_chart([ACT, far]))
    assert width == 260 + 64 * 12 * 15 + 8  # the axis stops 15 years after its first month
