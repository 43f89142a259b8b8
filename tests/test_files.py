"""Which files under content/ the build may read or publish (collaborare/core/files.py):
no symbolic link, static files allow-listed by type (issue 14)."""

import pytest

from helpers import entry_text, problems_of


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("immagini/logo.png", "/etc/passwd"),
        ("immagini/config.txt", "../../.git/config"),
        ("esperienze/fuori.md", "../../fuori.md"),
        ("esperienze/giro.md", "giro.md"),
    ],
)
def test_a_symlink_anywhere_in_content_is_refused_with_its_path(project, name, target):
    (project.root / "fuori.md").write_text(entry_text(), encoding="utf-8")
    link = project.content / name
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target)
    assert problems_of(project) == [
        f"content/{name}:1: file: è un collegamento simbolico (symlink), che il sito non "
        "pubblica; metti al suo posto il file vero, oppure toglilo"
    ]
    assert not project.build().ok


def test_a_symlinked_folder_is_refused_and_not_walked(project, tmp_path):
    outside = tmp_path / "fuori"
    outside.mkdir()
    (outside / "id_rsa").write_text("chiave")
    (project.content / "immagini").mkdir()
    (project.content / "immagini" / "cartella").symlink_to(outside)
    assert problems_of(project) == [
        "content/immagini/cartella:1: file: è un collegamento simbolico (symlink), che il sito "
        "non pubblica; metti al suo posto il file vero, oppure toglilo"
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "immagini/logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
            "i file SVG non sono ammessi, perché possono contenere script; salva l'immagine come PNG o "
            "JPEG",
        ),
        (
            "extra/pagina.html",
            b"<script>alert(3)</script>",
            "i file .html non sono ammessi, perché possono eseguire script sul sito; scrivi una pagina "
            "in content/pages/ in Markdown",
        ),
        (
            "immagini/finta.png",
            b"<html><script>alert(1)</script>",
            "il contenuto non è un file PNG (l'estensione non corrisponde); salvalo di nuovo nel "
            "formato giusto",
        ),
        (
            "immagini/nota.txt",
            b"testo",
            "i file .txt non sono ammessi in content/immagini/; usa .jpg, "
            ".jpeg, .png, .gif, .webp, .avif",
        ),
    ],
)
def test_static_files_are_allow_listed_by_type(project, name, data, message):
    path = project.content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    assert problems_of(project) == [f"content/{name}:1: file: {message}"]
