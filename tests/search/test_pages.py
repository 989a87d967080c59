

def test_search_answers_with_or_without_a_trailing_slash(client):
    """Residents type /ja/search/ as often as /ja/search: both must answer."""
    assert client.get("/ja/search?q=防災").status_code == 200
    assert client.get("/ja/search/?q=防災").status_code == 200
