def test_real_content_builds(real_site):
    output, result, pages = real_site
    assert (output / "index.html").is_file()
    assert len(result.collection.published) == 7
