"""The build guard (collaborare/plugins/content_guard): no static file the check did not accept
is published (issue 14)."""

from types import SimpleNamespace

import pytest

from helpers import PNG


def test_the_build_guard_refuses_a_static_file_from_outside_content(tmp_path):
    from collaborare.plugins.content_guard import UnsafeStaticFile, refuse_unchecked_statics

    content = tmp_path / "content"
    (content / "immagini").mkdir(parents=True)
    (content / "immagini" / "ok.png").write_bytes(PNG)
    (tmp_path / "segreto.png").write_bytes(PNG)
    generator = SimpleNamespace(
        path=str(content),
        staticfiles=[
            SimpleNamespace(source_path=str(content / "immagini" / "ok.png")),
            SimpleNamespace(source_path=str(content / "immagini" / ".." / ".." / "segreto.png")),
        ],
    )
    with pytest.raises(UnsafeStaticFile) as raised:
        refuse_unchecked_statics(generator)
    assert len(raised.value.messages) == 1 and "segreto.png" in raised.value.messages[0]
