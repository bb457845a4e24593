"""The charts (unionhub.documents.charts): columns scaled to the largest value, bars escaped,
shortened and linked, the share ring."""

import pytest

from unionhub.documents import charts

pytestmark = pytest.mark.django_db


def test_column_chart_scales_to_the_largest_value_and_labels_every_column():
    cols = charts.columns([("2021", 50), ("2022", 100), ("Hiện nay", 0)])
    assert [c.height for c in cols] == [charts.COLUMN_PLOT / 2, charts.COLUMN_PLOT, 0]
    assert cols[1].y == charts.COLUMN_TOP
    assert all(c.x + c.width <= charts.WIDTH for c in cols)
    svg = charts.column_chart([("2021", 50), ("2022", 100)], title="Xu hướng", chart_id="t")
    assert svg.startswith('<svg class="chart chart-columns" viewBox="0 0 320 166" width="100%"')
    assert '<title id="t-title">Xu hướng</title>' in svg
    assert "2021: 50; 2022: 100" in svg
    assert ">2022</text>" in svg


def test_bar_chart_escapes_shortens_and_links_labels():
    long_name = "Công đoàn bộ phận Phân hiệu Trường Đại học tại thành phố Hồ Chí Minh"
    rows = [("<i>Tổ</i>", 4, 1, "/doan-vien/?org=1&group=2"), (long_name, 8, None, "")]
    bars = charts.bars(rows, part_label="nữ")
    assert bars[0].value_text == "4 (1 nữ)"
    assert bars[1].width == charts.WIDTH
    assert bars[0].part_width == charts.WIDTH / 8
    assert bars[1].label.endswith("…") and len(bars[1].label) < len(long_name)
    svg = charts.bar_chart(rows, title="Theo tổ", chart_id="u", part_label="nữ")
    assert "<i>" not in svg
    assert "&lt;i&gt;Tổ&lt;/i&gt;" in svg
    assert '<a href="/doan-vien/?org=1&amp;group=2">' in svg
    assert f"<title>{long_name}: 8</title>" in svg  # the whole name for screen readers
    assert 'class="chart-part"' in svg
    assert 'role="group"' in svg  # its links stay reachable to assistive technology
    assert 'role="img"' in charts.bar_chart([("Tổ", 1, None, "")], title="t", chart_id="v")


def test_ring_is_empty_without_members_and_full_for_all():
    assert charts.ring_dash(0, 0)[0] == 0
    arc, circumference = charts.ring_dash(3, 3)
    assert arc == circumference
    svg = charts.share_ring(1, 4, title="Nữ", centre="25,0%", caption="nữ", chart_id="w")
    assert 'viewBox="0 0 120 120"' in svg
    assert "25,0%" in svg
    assert 'stroke-dasharray="75.4 301.6"' in svg
