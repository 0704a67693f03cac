"""Uploads: safe names, type by content, size limit, and an index/folder that stay consistent."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import IngestReport
from tests.browser.support import BOUW_SECTIONS, make_docx
from ui.uploads import UploadRejected, check_upload, ingest_uploads, sanitize_filename

MB = 1024 * 1024


@pytest.mark.parametrize(("raw", "safe"), [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\system.ini.txt", "system_ini.txt"),
    ("/abs/path/Convenant Bouw 2024.DOCX", "Convenant_Bouw_2024.docx"),
    ("Sectorconvénant één.pdf", "Sectorconvenant_een.pdf"),
    (".hidden.md", "hidden.md"),
    ("..", "document"),
    ("a\x00b.txt", "a_b.txt"),
    ("x" * 300 + ".html", "x" * 80 + ".html"),
    ("noextension", "noextension"),
])
def test_sanitize_filename(raw, safe):
    assert sanitize_filename(raw) == safe


def test_check_upload_accepts_by_content(tmp_path):
    docx = make_docx(tmp_path / "tmp123", "Titel", BOUW_SECTIONS)
    assert check_upload(docx, "Bouw convenant.docx", max_bytes=MB) == "Bouw_convenant.docx"
    text = tmp_path / "t"
    text.write_text("# Titel\n\nTekst.", encoding="utf-8")
    assert check_upload(text, "notities.md", max_bytes=MB) == "notities.md"


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("rapport.pdf", b"Dit is gewoon tekst, geen PDF.", "de inhoud is platte tekst, niet wat de extensie '.pdf' belooft"),
    ("rapport.docx", b"%PDF-1.7\n...", "de inhoud is een PDF, niet wat de extensie '.docx' belooft"),
    ("foto.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "de inhoud is een afbeelding"),
    ("script.exe", b"MZ....", "bestandstype '.exe' is niet toegestaan"),
    ("leeg.txt", b"", "het bestand is leeg"),
])
def test_check_upload_refuses(tmp_path, name, content, reason):
    path = tmp_path / "upload"
    path.write_bytes(content)
    with pytest.raises(UploadRejected, match=reason.replace("(", r"\(").replace(".", r"\.")) as info:
        check_upload(path, name, max_bytes=MB)
    assert str(info.value).startswith(name + ":")


def test_check_upload_size_limit(tmp_path):
    path = tmp_path / "big"
    path.write_bytes(b"a" * (MB + 1))
    with pytest.raises(UploadRejected, match=r"groot\.txt: te groot \(1\.0 MB; de limiet is 1 MB\)"):
        check_upload(path, "groot.txt", max_bytes=MB)


class FakeIngest:
    """ingest_files stand-in: fails files whose text contains FAIL; records the calls."""

    def __init__(self):
        self.calls: list[list[Path]] = []

    def __call__(self, paths, progress=None):
        self.calls.append(list(paths))
        report = IngestReport()
        for path in paths:
            if b"FAIL" in Path(path).read_bytes():
                report.failed.append({"path": str(path), "reason": "no text to index"})
            else:
                report.updated.append(Path(path).stem)
        if progress:
            progress(len(paths), len(paths))
        return report


def _tmpfile(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_upload_stores_sanitised_and_ingests(tmp_path):
    folder, ingest = tmp_path / "uploads", FakeIngest()
    src = _tmpfile(tmp_path, "a.txt", "Convenant Bouw.")
    outcome = ingest_uploads([(src, "../../Convenant Bouw.txt")], folder=folder, max_bytes=MB,
                             known_documents={}, ingest_files=ingest)
    assert outcome.added == ["Convenant_Bouw.txt"] and outcome.ok
    assert (folder / "Convenant_Bouw.txt").read_text(encoding="utf-8") == "Convenant Bouw."
    assert ingest.calls == [[(folder / "Convenant_Bouw.txt").resolve()]]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["incoming", "uploads"]  # nothing escaped the folder


def test_failed_file_is_reported_and_previous_version_kept(tmp_path):
    folder, ingest = tmp_path / "uploads", FakeIngest()
    good = _tmpfile(tmp_path, "v1.txt", "Versie 1.")
    ingest_uploads([(good, "doc.txt")], folder=folder, max_bytes=MB, known_documents={}, ingest_files=ingest)
    bad = _tmpfile(tmp_path, "v2.txt", "FAIL")
    outcome = ingest_uploads([(bad, "doc.txt")], folder=folder, max_bytes=MB,
                             known_documents={"doc": str(folder / "doc.txt")}, ingest_files=ingest)
    assert outcome.added == []
    assert outcome.rejected == [("doc.txt", "doc.txt: kon niet geïndexeerd worden (no text to index)")]
    assert (folder / "doc.txt").read_text(encoding="utf-8") == "Versie 1."
    assert not any((folder / ".vorige").iterdir())


def test_new_version_replaces_old_even_with_other_extension(tmp_path):
    folder, ingest = tmp_path / "uploads", FakeIngest()
    ingest_uploads([(_tmpfile(tmp_path, "1", "Oud."), "doc.txt")], folder=folder, max_bytes=MB,
                   known_documents={}, ingest_files=ingest)
    outcome = ingest_uploads([(_tmpfile(tmp_path, "2", "# Nieuw"), "doc.md")], folder=folder, max_bytes=MB,
                             known_documents={"doc": ""}, ingest_files=ingest)
    assert outcome.added == ["doc.md"]
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == ["doc.md"]


def test_name_of_a_corpus_document_is_refused(tmp_path):
    folder, ingest = tmp_path / "uploads", FakeIngest()
    outcome = ingest_uploads([(_tmpfile(tmp_path, "x", "Tekst."), "003_115f85ea577e561c.txt")], folder=folder,
                             max_bytes=MB, known_documents={"003_115f85ea577e561c": "/corpus/003_115f85ea577e561c.txt"},
                             ingest_files=ingest)
    assert ingest.calls == []
    assert "al in gebruik door een document uit het corpus" in outcome.rejected[0][1]


def test_mixed_batch_reports_each_file(tmp_path):
    folder, ingest = tmp_path / "uploads", FakeIngest()
    files = [(_tmpfile(tmp_path, "1", "Goed."), "goed.txt"), (_tmpfile(tmp_path, "2", "FAIL"), "slecht.txt"),
             (_tmpfile(tmp_path, "3", "%PDF-1.4"), "nep.txt"), (_tmpfile(tmp_path, "4", "Dubbel."), "goed.txt")]
    outcome = ingest_uploads(files, folder=folder, max_bytes=MB, known_documents={}, ingest_files=ingest)
    assert outcome.added == ["goed.txt"]
    reasons = dict(outcome.rejected)
    assert set(reasons) == {"slecht.txt", "nep.txt", "goed.txt"}
    assert "de inhoud is een PDF" in reasons["nep.txt"]
    assert "dezelfde naam" in reasons["goed.txt"]
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == ["goed.txt"]


def test_ingest_crash_restores_folder(tmp_path):
    folder = tmp_path / "uploads"

    def broken(paths, progress=None):
        raise RuntimeError("index kapot")

    with pytest.raises(RuntimeError):
        ingest_uploads([(_tmpfile(tmp_path, "1", "Tekst."), "a.txt")], folder=folder, max_bytes=MB,
                       known_documents={}, ingest_files=broken)
    assert not (folder / "a.txt").exists()
