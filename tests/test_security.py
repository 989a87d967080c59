"""Security headers on every page."""

from __future__ import annotations


def test_pages_carry_security_headers(client):
    response = client.get("/ja/")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]


def test_pages_load_nothing_from_another_host(client):
    page = client.get("/ja/").get_data(as_text=True)
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in page
