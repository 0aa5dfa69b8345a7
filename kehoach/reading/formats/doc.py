""".doc (Word 97-2003) -> .docx through LibreOffice, then the .docx reader.

No maintained Python reader exists for the binary format, and LibreOffice keeps Word's automatic
numbering (shared/notes/LIBRARIES.md). When ``soffice`` (or ``libreoffice``) is not on PATH the
document is refused with a one-line error saying so.

Each conversion gets its own LibreOffice profile (``-env:UserInstallation``) in a fresh temporary
directory: two processes sharing a profile make the second exit silently without converting, which
would break ``kehoach batch`` workers. A conversion that outlives ``CONVERT_TIMEOUT`` seconds is
killed with its process group.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from kehoach.errors import InputError

__all__ = ["CONVERT_TIMEOUT", "convert_to_docx", "find_soffice"]

CONVERT_TIMEOUT = 120


def find_soffice() -> str | None:
    """The LibreOffice command on PATH ("soffice" or "libreoffice"), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, label: str, *, suffix: str = ".doc") -> bytes:
    """The .docx bytes LibreOffice writes for ``data`` (a .doc); InputError when it cannot."""
    soffice = find_soffice()
    if soffice is None:
        what = "an RTF document" if suffix == ".rtf" else "a legacy Word .doc file"
        raise InputError(f"{label} is {what}: install LibreOffice (soffice) to read it, or save it as .docx")
    with tempfile.TemporaryDirectory(prefix="kehoach-doc-") as tmp:
        work = Path(tmp)
        source = work / f"input{suffix}"  # a plain name: no spaces, quotes or leading dash reach soffice
        source.write_bytes(data)
        out = work / "out"
        out.mkdir()
        command = [
            soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
            "--nolockcheck", "--nodefault", "--nologo", "--convert-to", "docx:MS Word 2007 XML",
            "--outdir", str(out), str(source),
        ]
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, start_new_session=True, cwd=tmp)
        except OSError as exc:
            raise InputError(f"cannot run LibreOffice for {label}: {exc.strerror or exc}") from None
        try:
            _stdout, stderr = process.communicate(timeout=CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise InputError(f"LibreOffice took over {CONVERT_TIMEOUT} s converting {label}; gave up") from None
        result = out / "input.docx"
        if not result.is_file() or result.stat().st_size == 0:
            reason = (stderr or b"").decode("utf-8", "replace").strip().splitlines()
            detail = f": {reason[-1][:120]}" if reason else ""
            raise InputError(f"LibreOffice could not convert {label} to .docx (exit {process.returncode}){detail}")
        return result.read_bytes()


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()
    process.communicate()
