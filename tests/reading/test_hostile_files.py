"""Files that are not what they claim: special files, gzip bombs, other encodings, bad bytes, stray text."""

from __future__ import annotations

import gzip
import os
import random
import socket
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path
from typing import Any

import orjson
import pytest

import viewer
from viewer.reading import array_stream, ndjson_stream

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from make_export import make_profile, write_export

PROFILE = {"id": 6, "created": "2020-06-10T09:05:27Z", "integrationId": "a", "accountId": 31, "closedSessions": 3,
           "totalSales": 1.5, "lastActivity": "2020-02-08T14:15:20Z", "sandbox": False}
FIELDS = b'"id": 6, "created": "2020-06-10T09:05:27Z", "accountId": 31, "closedSessions": 3, "totalSales": 1.5, ' \
         b'"lastActivity": "2020-02-08T14:15:20Z"'


def full(text: bytes) -> bytes:
    """``{"integrationId": ...}`` in a test's bytes with every required field added, so no other problem appears."""
    return text.replace(b'{"integrationId"', b'{' + FIELDS + b', "integrationId"')


def located(export: viewer.Export) -> list[viewer.Problem]:
    """The problems about the file itself (not about a profile's fields)."""
    return [p for p in export.problems if p.profile_index is None and (p.path == "file" or p.line is not None)]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def load_in_thread(source: Any, timeout: float = 10.0) -> BaseException | viewer.Export:
    """``viewer.load`` on a daemon thread: a load that blocks (opening a FIFO) fails the test, not the run."""
    outcome: list[BaseException | viewer.Export] = []

    def run() -> None:
        try:
            outcome.append(viewer.load(source))
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    assert outcome, f"viewer.load({source!r}) did not return within {timeout} s"
    return outcome[0]


# 1. special files are refused before they are opened ------------------------------

def test_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    error = load_in_thread(fifo)
    assert isinstance(error, viewer.LoadError)
    assert "not a regular file" in error.message and "pipe" in error.message


def test_the_chunked_readers_pass_over_a_special_file_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    open_before = len(os.listdir("/proc/self/fd"))
    assert array_stream.open_plain_array(fifo) is None and ndjson_stream.open_plain(fifo) is None
    assert array_stream.open_plain_array(Path("/dev/zero")) is None
    assert len(os.listdir("/proc/self/fd")) == open_before  # nothing left open, nothing closed twice


@pytest.mark.parametrize(("device", "kind"), [("/dev/zero", "device"), ("/dev/null", "device")])
def test_device_is_refused(device: str, kind: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} is missing")
    error = load_in_thread(device)
    assert isinstance(error, viewer.LoadError)
    assert "not a regular file" in error.message and kind in error.message


def test_symlink_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "export.json"
    link.symlink_to("/dev/zero")
    error = load_in_thread(link)
    assert isinstance(error, viewer.LoadError)
    assert "not a regular file" in error.message


def test_unix_socket_is_refused() -> None:
    folder = tempfile.mkdtemp(prefix="v")  # socket paths are limited to ~100 bytes
    path = os.path.join(folder, "s.json")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(path)
        error = load_in_thread(path)
        assert isinstance(error, viewer.LoadError)
        assert "not a regular file" in error.message and "socket" in error.message
    finally:
        server.close()
        os.unlink(path)
        os.rmdir(folder)


def test_special_file_among_several_is_refused(tmp_path: Path) -> None:
    good = write(tmp_path, "good.json", orjson.dumps([PROFILE]))
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    error = load_in_thread([good, fifo])
    assert isinstance(error, viewer.LoadError)
    assert "not a regular file" in error.message


# 2. gzip bombs are refused, big gzip files can be cancelled ------------------------

def gzip_of_repeats(path: Path, chunk: bytes, count: int, level: int = 6) -> Path:
    """A gzip file of ``chunk * count``, compressed as a stream (the whole text is never in memory)."""
    packer = zlib.compressobj(level, zlib.DEFLATED, 31)
    with open(path, "wb") as out:
        out.writelines(packer.compress(chunk) for _ in range(count))
        out.write(packer.flush())
    return path


def test_gzip_bomb_is_refused_quickly(tmp_path: Path) -> None:
    path = gzip_of_repeats(tmp_path / "bomb.json.gz", b"[" * (1 << 20), 1024)  # 1 GiB of "["
    assert path.stat().st_size < 2 << 20
    start = time.perf_counter()
    error = load_in_thread(path, timeout=30)
    elapsed = time.perf_counter() - start
    assert isinstance(error, viewer.LoadError)
    assert "gzip" in error.message and "times" in error.message
    assert elapsed < 5


def test_gzip_of_highly_compressible_small_export_still_loads(tmp_path: Path) -> None:
    # 2,000 identical profiles compress far beyond 64x, yet the result is small
    data = orjson.dumps([PROFILE] * 2000)
    packed = gzip.compress(data, 9)
    assert len(data) > 64 * len(packed)
    assert len(viewer.load(write(tmp_path, "same.json.gz", packed)).profiles) == 2000


def test_multi_member_gzip_still_loads(tmp_path: Path) -> None:
    data = gzip.compress(b'[{"integrationId": "a"},') + gzip.compress(b'{"integrationId": "b"}]')
    assert [p.integration_id for p in viewer.load(write(tmp_path, "two.json.gz", data)).profiles] == ["a", "b"]


def test_cancel_during_gzip_decompression(tmp_path: Path) -> None:
    rng = random.Random(3)
    parts = [orjson.dumps(make_profile(rng, i)) for i in range(3000)]
    text = b"[" + b",".join(parts * 10) + b"]"  # ~30 MB, several decompression chunks
    path = write(tmp_path, "big.json.gz", gzip.compress(text, 1))
    polls: list[str] = []

    def cancelled() -> bool:  # "stop" as soon as it is asked while unpacking
        polls.append(os.path.basename(sys._getframe(1).f_code.co_filename))
        return polls[-1] == "gzip_bounded.py"

    with pytest.raises(viewer.LoadCancelled):
        viewer.load(path, cancelled=cancelled)
    assert polls.count("gzip_bounded.py") == 1


# 3. files in a legacy 8-bit encoding --------------------------------------------------

@pytest.mark.parametrize(("data", "encoding", "name", "where"), [
    (b'{"integrationId": "M\xfcller", "attributes": {"City": "M\xfcnchen \x80 5"}}', "Windows-1252", "Müller",
     (1, 21)),
    (b'{"integrationId": "M\xfcller", "attributes": {"City": "\x81 M\xfcnchen"}}', "Latin-1", "Müller", (1, 21)),
    (b'{\n  "integrationId": "Jos\xe9",\n  "attributes": {"City": "K\xf6ln"}\n}', "Windows-1252", "José", (2, 24)),
])
def test_legacy_encoding_is_read_with_a_warning(tmp_path: Path, data: bytes, encoding: str, name: str,
                                                where: tuple[int, int]) -> None:
    export = viewer.load(write(tmp_path, "latin.json", data))
    assert export.profiles[0].integration_id == name
    [problem] = located(export)
    assert problem.severity is viewer.Severity.WARNING
    assert encoding in problem.message and "not UTF-8" in problem.message
    assert (problem.line, problem.column) == where  # its first byte that is not UTF-8, to show in Raw JSON
    assert problem.message.startswith(f"line {where[0]}, column {where[1]}: ")
    assert "binary" not in problem.message
    if b"\x80" in data:  # the euro sign of Windows-1252
        assert export.profiles[0].attributes["City"] == "München € 5"


def test_legacy_encoding_array_of_many_profiles(tmp_path: Path) -> None:
    items = [{"integrationId": f"M\u00fcller-{i}", "attributes": {"City": "K\u00f6ln"}} for i in range(3000)]
    data = orjson.dumps(items).decode("utf-8").encode("cp1252")
    export = viewer.load(write(tmp_path, "latin.json", data))
    assert len(export.profiles) == 3000
    assert export.profiles[2999].integration_id == "Müller-2999"
    assert [p.severity for p in located(export)] == [viewer.Severity.WARNING]


# 4. one bad byte costs at most its profile --------------------------------------------

def test_one_invalid_byte_in_a_big_array(tmp_path: Path) -> None:
    path = write_export(tmp_path / "big.json", 3000, "array", seed=2)
    data = path.read_bytes()
    at = data.index(b'"integrationId":"URN0001500"') + len(b'"integrationId":"URN00')
    path.write_bytes(data[:at] + b"\xff" + data[at + 1:])
    export = viewer.load(path)
    assert len(export.profiles) == 3000
    assert export.profiles[1500].integration_id == "URN00\ufffd1500"
    assert export.profiles[1501].integration_id == "URN0001501"
    [problem] = export.problems
    line_start = data.rfind(b"\n", 0, at) + 1
    assert problem.line == data.count(b"\n", 0, at) + 1
    assert problem.column == len(data[line_start:at].decode("utf-8")) + 1
    assert f"line {problem.line}, column {problem.column}" in problem.message
    assert "UTF-8" in problem.message


def test_invalid_bytes_in_pretty_ndjson_and_single_profile(tmp_path: Path) -> None:
    lines = [orjson.dumps({"integrationId": f"M\u00fcller-{i}"}) for i in range(5)]
    lines[2] = lines[2].replace(b"-2", b"-\xc3(2")  # a cut two-byte sequence
    export = viewer.load(write(tmp_path, "x.ndjson", b"\n".join(lines)))
    assert len(export.profiles) == 5
    [problem] = located(export)
    assert (problem.line, problem.column) == (3, len('{"integrationId":"Müller-') + 1)


def test_many_invalid_bytes_are_reported_up_to_a_bound(tmp_path: Path) -> None:
    items = [orjson.dumps({"integrationId": f"\u00fc{i}\u00fc"}) for i in range(200)]
    items = [item.replace(b"\xc3\xbc\"", b"\xc3\"", 1) for item in items]  # cut the last "ü" of each
    export = viewer.load(write(tmp_path, "x.json", b"[" + b",\n".join(items) + b"]"))
    assert len(export.profiles) == 200
    assert 2 <= len(located(export)) <= 30
    assert "200" in located(export)[-1].message


# 5. text after the value, form feeds, control bytes -------------------------------------

@pytest.mark.parametrize(("data", "before"), [
    (b'[{"integrationId": "a"}]x', b"}]"),
    (b'[{"integrationId": "a"}][{"integrationId": "b"}]', b"}]"),
    (b'{"integrationId": "a"} {"integrationId": "b"}', b"} "),
    (b'{"integrationId": "a"}\n\n  x', b"\n\n  "),
    (b'{"integrationId": "a"}\n\x0c', b"}\n"),
])
def test_content_after_the_top_level_value(tmp_path: Path, data: bytes, before: bytes) -> None:
    data = full(data)
    at = data.index(before) + len(before)
    where = (data.count(b"\n", 0, at) + 1, at - data.rfind(b"\n", 0, at))
    export = viewer.load(write(tmp_path, "two.json", data))
    assert [p.integration_id for p in export.profiles] == ["a"]
    [problem] = located(export)
    assert (problem.line, problem.column) == where
    assert f"line {where[0]}, column {where[1]}" in problem.message


@pytest.mark.parametrize(("data", "where"), [
    (b'[{"integrationId": "a"},\x0c{"integrationId": "b"}]', (1, 25)),
    (b'\x0c[{"integrationId": "a"}]', (1, 1)),
    (b'[{"integrationId": "a"}]\n\x0c', (2, 1)),
    (b'{"integrationId": "a",\n\x0c"id": 1}', (2, 1)),
])
def test_form_feed_is_not_json_white_space(tmp_path: Path, data: bytes, where: tuple[int, int]) -> None:
    data = data.replace(b'"integrationId": "a"', FIELDS + b', "integrationId": "a"')
    where = (where[0], where[1] + (len(FIELDS) + 2 if where[0] == 1 and where[1] > 2 else 0))
    try:
        problems = viewer.load(write(tmp_path, "ff.json", data)).problems
        [problem] = [p for p in problems if p.severity is viewer.Severity.ERROR]
        line, column, message = problem.line, problem.column, problem.message
    except viewer.LoadError as error:
        line, column, message = error.line, error.column, error.message
    assert (line, column) == where
    assert "form feed" in message


@pytest.mark.parametrize("byte", [b"\x00", b"\x01", b"\x1b"])
def test_stray_control_byte_is_located_not_called_binary(tmp_path: Path, byte: bytes) -> None:
    items = [orjson.dumps({"integrationId": f"p{i}", "attributes": {"Note": "x" * 50}}) for i in range(6)]
    items[1] = items[1].replace(b'"x', b'"' + byte + b"x", 1)  # inside a string
    data = b"[" + b",\n".join(items) + b"]"
    export = viewer.load(write(tmp_path, "ctl.json", data))
    assert [p.integration_id for p in export.profiles] == ["p0", "p2", "p3", "p4", "p5"]
    [problem] = located(export)
    assert (problem.line, problem.column) == (2, items[1].index(byte) + 1)
    assert "binary" not in problem.message
    assert f"0x{byte[0]:02X}" in problem.message


def test_stray_nul_between_profiles(tmp_path: Path) -> None:
    data = b'[{"integrationId": "a"},\n\x00{"integrationId": "b"},\n{"integrationId": "c"}]'
    export = viewer.load(write(tmp_path, "nul.json", data))
    assert "a" in [p.integration_id for p in export.profiles]
    errors = [p for p in export.problems if p.severity is viewer.Severity.ERROR]
    assert (errors[0].line, errors[0].column) == (2, 1)
    assert "NUL" in errors[0].message and "binary" not in errors[0].message


def test_binary_file_starting_like_json_is_still_binary(tmp_path: Path) -> None:
    data = b"[" + random.Random(9).randbytes(5000)
    error = load_in_thread(write(tmp_path, "noise.json", data))
    assert isinstance(error, viewer.LoadError)
    assert "binary" in error.message
